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
            dummy_shutdown, nullptr};
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
    BOOST_TEST(
        check(d).find(
            "built for plugin ABI 2.0, this host implements ABI 1.0 and the major versions must match") !=
        std::string::npos);
    d = valid();
    d.abi_minor = d.min_host_abi_minor = PIM_PLUGIN_ABI_MINOR + 1;
    BOOST_TEST(check(d).find("it needs plugin ABI 1.1 or newer, this host implements ABI 1.0") !=
               std::string::npos);
    d = valid();
    d.struct_size = 8;
    BOOST_TEST(check(d).find("its descriptor is too small") != std::string::npos);
    d = valid();
    d.init = nullptr;
    BOOST_TEST(check(d).find("lacks a name, an init or a shutdown") != std::string::npos);
    d = valid();
    d.name = "has space";
    BOOST_TEST(check(d) != "ok");
}

BOOST_AUTO_TEST_SUITE_END()
