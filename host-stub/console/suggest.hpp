// "Did you mean …?" for mistyped commands, hooks and configuration keys.
#pragma once

#include <string>
#include <vector>

namespace pim::host {

// Candidates close to `input` (edit distance, or containing it), best first.
std::vector<std::string> suggestions(const std::string &input, const std::vector<std::string> &candidates);

// " Did you mean \"<prefix><best>\"?" or "" when nothing is close.
std::string did_you_mean_sentence(const std::string &input, const std::vector<std::string> &candidates,
                                  const std::string &prefix = "");

}  // namespace pim::host
