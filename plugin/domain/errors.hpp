// Typed errors of the plugin. Each carries the status the spec gives it
// (HTTP semantics); commands and hooks turn them into messages at the edge.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pim {

struct Violation {
    std::string path;
    std::string message;
    bool conflict = false;  // a uniqueness rule: 409 when all violations are conflicts
};

class Error : public std::runtime_error {
public:
    Error(int status, const std::string &message) : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int status() const noexcept { return status_; }

private:
    int status_;
};

// Bad command line: missing/unknown arguments or options (status 400).
class UsageError : public Error {
public:
    explicit UsageError(const std::string &message) : Error(400, message) {}
};

// A value the command or hook cannot accept, reported by its message alone
// (e.g. an invalid grant type), status 400.
class InvalidInput : public Error {
public:
    explicit InvalidInput(const std::string &message) : Error(400, message) {}
};

// One or more rules failed (400), or only uniqueness rules failed (409).
class ValidationError : public Error {
public:
    explicit ValidationError(std::vector<Violation> violations)
        : Error(status_of(violations), "Validation failed."), violations_(std::move(violations)) {}
    ValidationError(int status, std::vector<Violation> violations)
        : Error(status, "Validation failed."), violations_(std::move(violations)) {}
    [[nodiscard]] const std::vector<Violation> &violations() const noexcept { return violations_; }

private:
    static int status_of(const std::vector<Violation> &violations) {
        for (const auto &violation : violations)
            if (!violation.conflict) return 400;
        return violations.empty() ? 400 : 409;
    }
    std::vector<Violation> violations_;
};

class NotFoundError : public Error {
public:
    explicit NotFoundError(const std::string &message) : Error(404, message) {}
};

class ConflictError : public Error {
public:
    explicit ConflictError(const std::string &message) : Error(409, message) {}
};

// The database cannot be reached or stays locked (503). The message names
// the cause without credentials.
class StorageUnavailable : public Error {
public:
    explicit StorageUnavailable(const std::string &message) : Error(503, message) {}
};

// The schema is older or newer than this plugin (503): the message says
// which command to run.
class SchemaMismatch : public Error {
public:
    explicit SchemaMismatch(const std::string &message) : Error(503, message) {}
};

// A configuration value is wrong; the message starts with "file:line: ".
class ConfigError : public Error {
public:
    explicit ConfigError(const std::string &message) : Error(500, message) {}
};

}  // namespace pim
