#include "loader/plugin_loader.hpp"

#include <boost/test/unit_test.hpp>

namespace {

pim_status dummy_init(const pim_host_services *, pim_host_context *, void **, const pim_sink *) {
    return PIM_OK;
}
void dummy_shutdown(void *) {}

pim_plugin_descriptor valid() {
    return {PIM_PLUGIN_ABI_MAGIC,
            PIM_PLUGIN_ABI_MAJOR,
            PIM_PLUGIN_ABI_MINOR,
            0,
            0,
            sizeof(pim_plugin_descriptor),
            "x",
            "1",
            "",
            dummy_init,
            dummy_shutdown,
            nullptr};
}

std::string check(const pim_plugin_descriptor &d) {
    return pim::host::check_descriptor(&d, "p.so").value_or("ok");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(descriptor_check)

BOOST_AUTO_TEST_CASE(accepts_this_abi_and_newer_minors_that_need_nothing_new) {
    BOOST_TEST(check(valid()) == "ok");
    auto newer = valid();
    newer.abi_minor = PIM_PLUGIN_ABI_MINOR + 3;
    BOOST_TEST(check(newer) == "ok");
}

BOOST_AUTO_TEST_CASE(accepts_any_descriptor_at_least_as_large_as_its_1_0_size) {
    auto d = valid();
    d.struct_size = PIM_PLUGIN_DESCRIPTOR_SIZE_1_0;
    BOOST_TEST(check(d) == "ok");
    d.struct_size = sizeof(pim_plugin_descriptor) + 64;  // built against a newer minor
    BOOST_TEST(check(d) == "ok");
}

BOOST_AUTO_TEST_CASE(the_1_0_sizes_end_after_the_last_1_0_member) {
    // The 1.0 layouts (x86-64 / LP64): tests/abi/v1_0 is the frozen header.
    BOOST_TEST(PIM_COMMAND_DEF_SIZE_1_0 == 7 * sizeof(void *));
    BOOST_TEST(PIM_ADMIN_HOOK_DEF_SIZE_1_0 == 4 * sizeof(void *));
    BOOST_TEST(PIM_HTTP_ROUTE_DEF_SIZE_1_0 == 5 * sizeof(void *));
    BOOST_TEST(PIM_AUTHENTICATOR_DEF_SIZE_1_0 == 3 * sizeof(void *));
    BOOST_TEST(PIM_CONFIG_VALUE_SIZE_1_0 == 4 * sizeof(void *));
    BOOST_TEST(PIM_HOST_SERVICES_SIZE_1_0 == 14 * sizeof(void *));
    BOOST_TEST(PIM_PLUGIN_DESCRIPTOR_SIZE_1_0 == 16 + 6 * sizeof(void *));
    pim_command_def def{};
    def.struct_size = PIM_COMMAND_DEF_SIZE_1_0;
    BOOST_TEST(!PIM_HAS_MEMBER(&def, pim_command_def, user_data));
    BOOST_TEST(!PIM_HAS_MEMBER(&def, pim_command_def, handler_v2));
    BOOST_TEST(PIM_HAS_MEMBER(&def, pim_command_def, handler));
    def.struct_size = sizeof def;
    BOOST_TEST(PIM_HAS_MEMBER(&def, pim_command_def, handler_v2));
}

BOOST_AUTO_TEST_CASE(refuses_with_a_reason_naming_the_file) {
    BOOST_TEST(pim::host::check_descriptor(nullptr, "p.so").value() ==
               "Refused plugin p.so: its pim_plugin_entry returned no descriptor.");
    auto d = valid();
    d.magic = 0xDEADBEEF;
    BOOST_TEST(
        check(d).rfind(
            "Refused plugin p.so: not a pim-host plugin descriptor (magic 0xDEADBEEF, expected 0x50494D50)",
            0) == 0);
    d = valid();
    d.abi_major = PIM_PLUGIN_ABI_MAJOR + 1;
    BOOST_TEST(check(d).find("built for plugin ABI 2." + std::to_string(PIM_PLUGIN_ABI_MINOR) +
                             ", this host implements ABI 1." + std::to_string(PIM_PLUGIN_ABI_MINOR) +
                             " and the major versions must match") != std::string::npos);
    d = valid();
    d.abi_minor = d.min_host_abi_minor = PIM_PLUGIN_ABI_MINOR + 1;
    BOOST_TEST(check(d).find("it needs plugin ABI 1." + std::to_string(PIM_PLUGIN_ABI_MINOR + 1) +
                             " or newer, this host implements ABI 1." +
                             std::to_string(PIM_PLUGIN_ABI_MINOR)) != std::string::npos);
    d = valid();
    d.struct_size = 8;
    BOOST_TEST(check(d).find("its descriptor is too small (8 bytes, ABI 1.0 needs 64)") != std::string::npos);
    d.struct_size = PIM_PLUGIN_DESCRIPTOR_SIZE_1_0 - 1;
    BOOST_TEST(check(d).find("its descriptor is too small") != std::string::npos);
    d = valid();
    d.init = nullptr;
    BOOST_TEST(check(d).find("lacks a name, an init or a shutdown") != std::string::npos);
    d = valid();
    d.name = "has space";
    BOOST_TEST(check(d) != "ok");
}

BOOST_AUTO_TEST_SUITE_END()
