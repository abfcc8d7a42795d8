// pim-oauth's metric families, registered through the host's ABI 1.3
// metric services during init, and every series resolved into
// PluginMetrics there. A host without the services leaves it empty.
#pragma once

#include "app/plugin_metrics.hpp"

#include "pim/plugin_abi.h"

namespace pim {

// PIM_OK when registered, or when the host has no metric services (metrics
// off, or a host older than ABI 1.3); the host's refusal otherwise.
pim_status register_plugin_metrics(const pim_host_services &host, pim_host_context *ctx,
                                   PluginMetrics &metrics, const pim_sink *error);

}  // namespace pim
