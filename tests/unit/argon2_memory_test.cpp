#include "domain/argon2_memory.hpp"
#include "domain/password_hasher.hpp"

#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include <chrono>
#include <thread>

namespace argon2_memory = pim::argon2_memory;

namespace {

// The cheapest cost the settings allow: 19 MiB per hash.
const pim::PasswordHasher hasher(2, 19456);
constexpr std::size_t region_bytes = 19456 * 1024;

struct FreshPool {
    FreshPool() {
        BOOST_TEST_REQUIRE(sodium_init() >= 0);
        argon2_memory::set_keep_seconds(60);
        argon2_memory::release_all();
    }
    ~FreshPool() {
        argon2_memory::set_keep_seconds(60);
        argon2_memory::release_all();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(argon2_memory_pool, FreshPool)

BOOST_AUTO_TEST_CASE(this_build_routes_libsodiums_argon2_memory) {
    BOOST_TEST(argon2_memory::routed());
}

BOOST_AUTO_TEST_CASE(hashes_on_one_thread_reuse_one_region_and_still_verify) {
    const auto before = argon2_memory::stats();
    const std::string encoded = hasher.hash("correct horse");
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(hasher.verify(encoded, "correct horse"));
        BOOST_TEST(!hasher.verify(encoded, "wrong horse"));
    }
    const auto after = argon2_memory::stats();
    BOOST_TEST(after.mappings - before.mappings == 1U);
    BOOST_TEST(after.reuses - before.reuses == 6U);
    BOOST_TEST(after.kept_bytes == region_bytes);
}

BOOST_AUTO_TEST_CASE(concurrent_hashes_map_one_region_each_then_share_them) {
    const std::string encoded = hasher.hash("correct horse");
    argon2_memory::release_all();
    const auto before = argon2_memory::stats();
    auto verify_twice = [&] {
        for (int i = 0; i < 2; ++i) BOOST_CHECK(hasher.verify(encoded, "correct horse"));
    };
    std::thread first(verify_twice);
    std::thread second(verify_twice);
    first.join();
    second.join();
    const auto after = argon2_memory::stats();
    BOOST_TEST(after.mappings - before.mappings <= 2U);
    BOOST_TEST(after.mappings - before.mappings + after.reuses - before.reuses == 4U);
    BOOST_TEST(after.kept_bytes <= 2 * region_bytes);
}

BOOST_AUTO_TEST_CASE(keep_zero_unmaps_after_each_hash) {
    argon2_memory::set_keep_seconds(0);
    const auto before = argon2_memory::stats();
    const std::string encoded = hasher.hash("correct horse");
    BOOST_TEST(hasher.verify(encoded, "correct horse"));
    const auto after = argon2_memory::stats();
    BOOST_TEST(after.mappings - before.mappings == 2U);
    BOOST_TEST(after.reuses == before.reuses);
    BOOST_TEST(after.kept_bytes == 0U);
}

BOOST_AUTO_TEST_CASE(an_idle_region_is_unmapped_once_keep_seconds_have_passed) {
    argon2_memory::set_keep_seconds(60);
    (void)hasher.hash("correct horse");
    const auto now = std::chrono::steady_clock::now();
    BOOST_TEST(argon2_memory::release_idle(now + std::chrono::seconds(59)) == 0U);
    BOOST_TEST(argon2_memory::stats().kept_bytes == region_bytes);
    BOOST_TEST(argon2_memory::release_idle(now + std::chrono::seconds(61)) == 1U);
    BOOST_TEST(argon2_memory::stats().kept_bytes == 0U);
}

BOOST_AUTO_TEST_CASE(libsodium_outside_a_password_hasher_maps_its_own_memory) {
    const auto before = argon2_memory::stats();
    char encoded[crypto_pwhash_STRBYTES];
    BOOST_TEST_REQUIRE(crypto_pwhash_str(encoded, "pw", 2, 2, region_bytes) == 0);
    BOOST_TEST(crypto_pwhash_str_verify(encoded, "pw", 2) == 0);
    void *guarded = sodium_malloc(64);  // sodium's guarded pages: mmap + mprotect
    BOOST_TEST_REQUIRE(guarded != nullptr);
    sodium_free(guarded);
    const auto after = argon2_memory::stats();
    BOOST_TEST(after.mappings == before.mappings);
    BOOST_TEST(after.reuses == before.reuses);
}

BOOST_AUTO_TEST_SUITE_END()
