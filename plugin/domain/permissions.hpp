// The fixed catalogue of Web API permissions (permissions.md §2), in the
// order every listing uses.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace pim {

struct Permission {
    std::string_view id;
    std::string_view label;
    std::string_view group;
    std::string_view entities;  // plural name in 403 messages; empty for overall access
    bool edit = false;          // "create or update" (else "list")
};

inline constexpr std::string_view overall_access = "pim_api_overall_access";

inline constexpr std::array<Permission, 19> permission_catalogue{{
    {"pim_api_overall_access", "Web API permissions", "Overall Web API access", "", false},
    {"pim_api_attribute_list", "List attributes", "Attributes", "attributes", false},
    {"pim_api_attribute_edit", "Create and update attributes", "Attributes", "attributes", true},
    {"pim_api_attribute_option_list", "List attribute options", "Attribute options", "attribute options",
     false},
    {"pim_api_attribute_option_edit", "Create and update attribute options", "Attribute options",
     "attribute options", true},
    {"pim_api_attribute_group_list", "List attribute groups", "Attribute groups", "attribute groups", false},
    {"pim_api_attribute_group_edit", "Create and update attribute groups", "Attribute groups",
     "attribute groups", true},
    {"pim_api_category_list", "List categories", "Categories", "categories", false},
    {"pim_api_category_edit", "Create and update categories", "Categories", "categories", true},
    {"pim_api_channel_list", "List channels", "Channels", "channels", false},
    {"pim_api_channel_edit", "Create and update channels", "Channels", "channels", true},
    {"pim_api_locale_list", "List locales", "Locales", "locales", false},
    {"pim_api_family_list", "List families", "Families", "families", false},
    {"pim_api_family_edit", "Create and update families", "Families", "families", true},
    {"pim_api_family_variant_list", "List family variants", "Family variants", "family variants", false},
    {"pim_api_family_variant_edit", "Create and update family variants", "Family variants", "family variants",
     true},
    {"pim_api_currency_list", "List currencies", "Currencies", "currencies", false},
    {"pim_api_association_type_list", "List association types", "Association types", "association types",
     false},
    {"pim_api_association_type_edit", "Create and update association types", "Association types",
     "association types", true},
}};

// Position in the catalogue, or nullopt for an unknown id.
std::optional<std::size_t> permission_index(std::string_view id);

}  // namespace pim
