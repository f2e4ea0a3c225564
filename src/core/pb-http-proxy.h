/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_TYPE_HTTP_PROXY (pb_http_proxy_get_type ())

G_DECLARE_FINAL_TYPE (PbHttpProxy, pb_http_proxy, PB, HTTP_PROXY, GObject)

/* A GProxyResolver that sends requests to this computer (localhost, 127.0.0.0/8, ::1) directly,
 * never through a proxy (a proxy would see their bearer token or client secret in plain http),
 * and asks `fallback` (the system's resolver when NULL) about every other address. */
GProxyResolver *pb_http_proxy_new        (GProxyResolver *fallback);

/* Whether `host` (a name, or an address without brackets) is this computer: "localhost", an
 * address of 127.0.0.0/8 (also as ::ffff:127.x.y.z) or ::1. The one definition, for the proxy
 * and for the addresses allowed plain http (pb_account_check_url()). */
gboolean        pb_http_host_is_loopback (const char     *host);

G_END_DECLS
