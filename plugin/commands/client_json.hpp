// The JSON shape of a client in command output.
#pragma once

#include "domain/client.hpp"

#include <boost/json/object.hpp>

namespace pim {

boost::json::object client_json(const Client &client);

}  // namespace pim
