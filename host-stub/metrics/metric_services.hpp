// The metric services of plugin ABI 1.3 (register_metric, metric_series,
// metric_record): C entry points over Metrics, refusing bad definitions
// as the other registrations do.
#pragma once

#include "pim/plugin_abi.h"

namespace pim::host {

// Sets the three metric services of `services`. Without them (a host with
// metrics off, or standing for ABI < 1.3) they stay NULL.
void offer_metric_services(pim_host_services &services);

}  // namespace pim::host
