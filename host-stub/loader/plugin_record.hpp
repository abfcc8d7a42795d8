// A loaded plugin: its library (kept loaded while the host runs), its
// descriptor and the state its init returned.
#pragma once

#include "pim/plugin_abi.h"

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <string>

namespace pim::host {

struct PluginRecord {
    std::filesystem::path file;
    boost::dll::shared_library library;
    const pim_plugin_descriptor *descriptor = nullptr;
    void *state = nullptr;
    bool initialised = false;
    std::string name;
    std::string version;
};

}  // namespace pim::host
