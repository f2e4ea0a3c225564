/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* A connection's request is a template: each ${name} of its URL, its headers, its URL
 * parameters and its body is filled from the input mapping whose key is `name`. These say
 * where the two do not meet. Each returns names without "${" and "}", each once, in the order
 * of the request (URL, headers, URL parameters, body) or of the input mappings; NULL-terminated,
 * never NULL (empty when there is none); free with g_strfreev(). */

/* Adds the names of the placeholders of `text` (may be NULL) that `seen` does not hold yet to
 * `names` (a new string each) and to `seen` (a set of strings it frees). */
void   pb_placeholders_add_names    (GPtrArray    *names,
                                     GHashTable   *seen,
                                     const char   *text);

/* The same for each item of a table of PbNameValue (headers, URL parameters): its value, and
 * its name too when `with_item_names`. */
void   pb_placeholders_add_table_names (GPtrArray  *names,
                                        GHashTable *seen,
                                        GListModel *table,
                                        gboolean    with_item_names);

/* The names of the placeholders of the request. */
char **pb_placeholders_dup_used     (PbConnection *connection);
/* The placeholders of the request that no input mapping has as its key. */
char **pb_placeholders_dup_unmapped (PbConnection *connection);
/* The keys of the input mappings that no placeholder of the request uses (a mapping without a
 * key is not one of them: it has nothing a placeholder could name). */
char **pb_placeholders_dup_unused   (PbConnection *connection);

G_END_DECLS
