/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words for people for the API's codes. Known values are translated; any other value is
 * returned as it came, so nothing the server says is hidden. NULL gives "Not set". */
const char *pb_format_system_type (const char *system_type);
const char *pb_format_auth_type   (const char *auth_type);
const char *pb_format_not_set     (void);

G_END_DECLS
