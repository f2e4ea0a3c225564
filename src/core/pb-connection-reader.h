/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pb-json.h"
#include "pb-types.h"

G_BEGIN_DECLS

/* JSON text of the API → PbConnection objects. The text is checked first (pb_json_text_check(),
 * a byte order mark allowed); then each connection is read straight from it with a
 * PbJsonReader. Tables are only checked here; each is made into rows when first asked for.
 *
 * One odd record does not make a page fail: a member of the wrong type is read as missing and
 * its place noted (pb_connection_get_unreadable_fields()). What fails, with an error that names
 * the place (e.g. "items[3]: expected an object"): text that is not JSON, a document or an
 * item that is not an object, "items" missing or not an array, and a connection without a
 * name (missing, or not a string): it could not be shown, and leaving it out without a word
 * would hide it. */

/* A single connection document: the answer of GET /v2/connections/{ref}. */
PbConnection *pb_connection_new_from_data (const char  *data,
                                           gssize       length,
                                           GError     **error);
/* A list document: {"items": [...]} as GET /v2/connections answers (and as the offline copy
 * holds). Returns a GPtrArray of PbConnection (owning references). Strings that many
 * connections of the page have alike (client key, kinds, URLs…) are kept once for the page. */
GPtrArray    *pb_connection_parse_list    (const char  *data,
                                           gssize       length,
                                           GError     **error);
/* pb_connection_parse_list() that also reads the head of the document: the members named in
 * `head` (NULL-terminated) when they come first, in that order. Each of `head_values` (as
 * many) is the member's string, or NULL when it is not there or not a string; free them with
 * g_free(). */
GPtrArray    *pb_connection_parse_list_with (const char          *data,
                                             gssize               length,
                                             const char * const  *head,
                                             char               **head_values,
                                             GError             **error);

G_END_DECLS
