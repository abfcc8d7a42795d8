#include "storage/token_endpoint_reads.hpp"

#include "domain/text.hpp"

namespace pim {

TokenEndpointReads::TokenEndpointReads(Database &db)
    : find_client_(db.sql()), blocked_until_statement_(db.sql()) {
    find_client_.exchange(soci::use(client_id_));
    find_client_.exchange(soci::use(random_id_));
    find_client_.exchange(soci::into(client_.id));
    find_client_.exchange(soci::into(client_.random_id));
    find_client_.exchange(soci::into(client_.secret_box));
    find_client_.exchange(soci::into(client_.label));
    find_client_.exchange(soci::into(client_.grant_types));
    find_client_.exchange(soci::into(client_.redirect_uris));
    find_client_.exchange(soci::into(client_.created_at));
    find_client_.exchange(soci::into(client_.introspect));
    find_client_.exchange(soci::into(client_.last_used_at, client_.last_used_indicator));
    find_client_.exchange(soci::into(client_.previous_box, client_.previous_indicator));
    find_client_.exchange(soci::into(client_.previous_expires_at, client_.previous_expires_indicator));
    find_client_.alloc();
    find_client_.prepare(std::string(client_select_columns) + "WHERE id = :id AND random_id = :r");
    find_client_.define_and_bind();

    blocked_until_statement_.exchange(soci::use(subject_));
    blocked_until_statement_.exchange(soci::into(blocked_until_));
    blocked_until_statement_.alloc();
    blocked_until_statement_.prepare("SELECT blocked_until FROM pim_api_throttle WHERE subject = :s");
    blocked_until_statement_.define_and_bind();
}

// Each query runs to its end (the keys are unique): a statement left on its
// row would keep SQLite's read transaction, and its snapshot, open.
std::optional<Client> TokenEndpointReads::find_client(const PublicClientId &id, const KeyRing &keys) {
    // Not UTF-8: matches nothing stored, and PostgreSQL would refuse it.
    if (!utf8_length(id.random_id)) return std::nullopt;
    client_id_ = id.id;
    random_id_ = id.random_id;
    if (!find_client_.execute(true)) return std::nullopt;
    Client client = to_client(client_, keys);
    while (find_client_.fetch()) {
    }
    return client;
}

std::int64_t TokenEndpointReads::blocked_until(const std::string &subject) {
    subject_ = subject;
    if (!blocked_until_statement_.execute(true)) return 0;
    const std::int64_t until = blocked_until_;
    while (blocked_until_statement_.fetch()) {
    }
    return until;
}

}  // namespace pim
