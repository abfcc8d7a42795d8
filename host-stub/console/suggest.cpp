#include "console/suggest.hpp"

#include <algorithm>
#include <utility>

namespace pim::host {
namespace {

std::size_t edit_distance(const std::string &a, const std::string &b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::vector<std::string> suggestions(const std::string &input, const std::vector<std::string> &candidates) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    const std::size_t threshold = std::max<std::size_t>(2, input.size() / 3);
    for (const auto &candidate : candidates) {
        const std::size_t distance = edit_distance(input, candidate);
        const bool contains = !input.empty() && candidate.find(input) != std::string::npos;
        if (distance <= threshold || contains) scored.emplace_back(contains ? 0 : distance, candidate);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    out.reserve(scored.size());
    for (auto &item : scored) out.push_back(std::move(item.second));
    return out;
}

std::string did_you_mean_sentence(const std::string &input, const std::vector<std::string> &candidates,
                                  const std::string &prefix) {
    const auto found = suggestions(input, candidates);
    if (found.empty()) return {};
    return " Did you mean \"" + prefix + found.front() + "\"?";
}

}  // namespace pim::host
