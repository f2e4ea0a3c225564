/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The reason phrase of an HTTP status ("Accepted" for 202, "Service Unavailable" for 503),
 * translated; NULL for a status that has none. For the UI, which does not use libsoup. */
const char *pb_http_status_phrase (guint status);

/* "202 Accepted", or only the number for a status without a phrase. */
char       *pb_http_status_text   (guint status);

G_END_DECLS
