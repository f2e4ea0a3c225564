/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GNetworkMonitor whose answer the test sets: the network is up or down as told, whatever
 * this computer's is. Pass it to pb_http_set_network_monitor(). */
#define PB_TYPE_TEST_NETWORK_MONITOR (pb_test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (PbTestNetworkMonitor, pb_test_network_monitor, PB, TEST_NETWORK_MONITOR,
                      GObject)

GNetworkMonitor *pb_test_network_monitor_new           (gboolean              available);
/* Changes the answer and emits GNetworkMonitor::network-changed. */
void             pb_test_network_monitor_set_available (PbTestNetworkMonitor *self,
                                                        gboolean              available);

G_END_DECLS
