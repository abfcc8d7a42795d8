#include "domain/permissions.hpp"

namespace pim {

std::optional<std::size_t> permission_index(std::string_view id) {
    for (std::size_t i = 0; i < permission_catalogue.size(); ++i)
        if (permission_catalogue[i].id == id) return i;
    return std::nullopt;
}

}  // namespace pim
