/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pb-connection.h"

G_BEGIN_DECLS

/* Parses one connection object. `path` prefixes error messages ("items[3]"); NULL for a
 * top-level object. */
PbConnection *_pb_connection_new_from_node (JsonNode    *node,
                                            const char  *path,
                                            GError     **error);

G_END_DECLS
