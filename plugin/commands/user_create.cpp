// pim:user:create (console-commands.md §2.5): arguments, --password-stdin,
// or questions for what is missing when interactive.
#include "app/json_views.hpp"
#include "app/role_service.hpp"
#include "app/user_service.hpp"
#include "commands/commands.hpp"
#include "domain/text.hpp"

#include <sodium.h>

#include <array>
#include <functional>
#include <optional>

namespace pim {
namespace {

enum Field { username, password, email, first_name, last_name, locale, field_count };
using Values = std::array<std::optional<std::string>, field_count>;

const std::array<const char *, field_count> mandatory_messages = {
    "The username is mandatory.",   "The password is mandatory.",  "The email is mandatory.",
    "The first name is mandatory.", "The last name is mandatory.", "The locale is mandatory."};

// Refusal reason of an answer, or nullopt when accepted.
using Check = std::function<std::optional<std::string>(const std::string &)>;

Check not_empty(Field field) {
    return [field](const std::string &answer) -> std::optional<std::string> {
        if (answer.empty()) return mandatory_messages[field];
        return std::nullopt;
    };
}

class UserCreate final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:user:create",
            "Creates a PIM user.",
            {},
            {{"username", ArgumentSpec::Mode::optional, "The username"},
             {"password", ArgumentSpec::Mode::optional, "The password (omit it with --password-stdin)"},
             {"email", ArgumentSpec::Mode::optional, "The e-mail address"},
             {"firstName", ArgumentSpec::Mode::optional, "The first name"},
             {"lastName", ArgumentSpec::Mode::optional, "The last name"},
             {"locale", ArgumentSpec::Mode::optional, "The UI locale, e.g. en_US"}},
            {{"admin", OptionSpec::Value::none, false, "Also give the role ROLE_ADMINISTRATOR"},
             {"password-stdin", OptionSpec::Value::none, false,
              "Read the password from the first line of stdin"}}};
        return spec;
    }

    [[nodiscard]] std::string validation_heading() const override { return "The user creation failed :"; }

    int execute(CommandContext &context) const override {
        Values values = arguments(context.input);
        const bool password_stdin = context.input.has_option("password-stdin");
        if (password_stdin) values[password] = read_password_line(context.console);
        if (password_stdin || !context.console.interactive())
            require_all(values);
        else
            ask_missing(context, values);
        const User user = create(context, values);
        for (auto &value : values)
            if (value) sodium_memzero(value->data(), value->size());
        if (context.console.json()) {
            write_json(context.console, user_json(user));
            return 0;
        }
        context.console.line(
            context.console.styled(Style::info, "User " + user.username + " has been created."));
        return 0;
    }

private:
    // With --password-stdin the password argument is left out of the list.
    static Values arguments(const Input &input) {
        std::vector<std::string> given;
        for (const char *name : {"username", "password", "email", "firstName", "lastName", "locale"})
            if (auto value = input.argument(name)) given.push_back(*value);
        const bool password_stdin = input.has_option("password-stdin");
        if (password_stdin && given.size() == field_count) throw UsageError("Too many arguments.");
        Values values;
        std::size_t next = 0;
        for (int field = username; field < field_count && next < given.size(); ++field) {
            if (password_stdin && field == password) continue;
            values[static_cast<std::size_t>(field)] = given[next++];
        }
        return values;
    }

    // Nothing read leaves the password missing: require_all then reports the
    // first missing value in argument order (console-commands.md §2.5).
    static std::optional<std::string> read_password_line(Console &console) {
        auto line = console.ask("", true);
        if (!line || line->empty()) return std::nullopt;
        return line;
    }

    static void require_all(const Values &values) {
        for (std::size_t field = 0; field < field_count; ++field)
            if (!values[field] || values[field]->empty()) throw InvalidInput(mandatory_messages[field]);
    }

    // Asks, again and again, until `check` accepts; end of input aborts.
    static std::string ask(Console &console, const std::string &question, bool hidden, const Check &check) {
        for (;;) {
            auto answer = console.ask(question, hidden);
            if (!answer) throw Aborted();
            std::string value = hidden ? *answer : std::string(trim(*answer));
            const auto refusal = check(value);
            if (!refusal) return value;
            console.error_line(console.styled(Style::error, *refusal, PIM_STDERR));
        }
    }

    void ask_missing(CommandContext &context, Values &values) const {
        Console &console = context.console;
        const bool any_missing = std::any_of(values.begin(), values.end(), [](const auto &v) { return !v; });
        if (!any_missing) return;
        console.line("Please enter the user's information below.");
        const int min_length = context.app.settings().password.min_length;
        if (!values[username]) values[username] = ask(console, "Username : ", false, not_empty(username));
        if (!values[password]) {
            values[password] = ask(
                console, "Password (the input will be hidden) : ", true,
                [min_length](const std::string &answer) -> std::optional<std::string> {
                    if (answer.empty()) return mandatory_messages[password];
                    if (utf8_length(answer).value_or(answer.size()) < static_cast<std::size_t>(min_length))
                        return "This value is too short. It should have " + std::to_string(min_length) +
                               " characters or more.";
                    return std::nullopt;
                });
            const std::string chosen = *values[password];
            ask(console, "Confirm password : ", true,
                [&chosen](const std::string &answer) -> std::optional<std::string> {
                    if (answer != chosen) return std::string("The passwords must match.");
                    return std::nullopt;
                });
        }
        if (!values[first_name])
            values[first_name] = ask(console, "First name : ", false, not_empty(first_name));
        if (!values[last_name]) values[last_name] = ask(console, "Last name : ", false, not_empty(last_name));
        if (!values[email])
            values[email] =
                ask(console, "Email : ", false, [](const std::string &answer) -> std::optional<std::string> {
                    if (answer.empty()) return mandatory_messages[email];
                    if (!looks_like_email(answer)) return std::string("Please enter a valid email address.");
                    return std::nullopt;
                });
        if (!values[locale])
            values[locale] =
                ask(console, "UI default locale code (e.g. \"en_US\") : ", false, not_empty(locale));
    }

    static User create(CommandContext &context, const Values &values) {
        Database &db = context.app.database();
        RoleService roles(db);
        if (!roles.exists(std::string(default_role_code))) throw InvalidInput("Default user role not found.");
        NewUser request;
        request.profile.username = *values[username];
        request.password = *values[password];
        request.profile.email = *values[email];
        request.profile.first_name = *values[first_name];
        request.profile.last_name = *values[last_name];
        request.profile.ui_locale = *values[locale];
        request.roles = {std::string(default_role_code)};
        if (context.input.has_option("admin") && roles.exists(std::string(administrator_role_code)))
            request.roles.emplace_back(administrator_role_code);
        return UserService(db, context.app.settings().password).create(request);
    }
};

}  // namespace

std::unique_ptr<Command> make_user_create() {
    return std::make_unique<UserCreate>();
}

}  // namespace pim
