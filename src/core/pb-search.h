/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* Matching what a person types against text, ignoring case and accents: "cafe" finds "Café",
 * "STRASSE" finds "Straße". A key is the folded form of a text. */

/* The folded form of `text`: accents removed, case folded. Free with g_free. */
char     *pb_search_fold            (const char    *text);

/* Whether `folded_needle` (from pb_search_fold) occurs in `text`; if so, the byte range of
 * `text` it covers is stored in start/end (either may be NULL). An empty needle matches
 * nothing. */
gboolean  pb_search_find            (const char    *text,
                                     const char    *folded_needle,
                                     gsize         *start,
                                     gsize         *end);

/* Whether a connection's name, description, ref, URL, system type or auth type (as received)
 * contains the needle. An empty needle matches every connection. The folded text of a
 * connection is made with it, on the reader's thread (pb_connection_get_search_text()). */
gboolean  pb_search_match_connection (PbConnection  *connection,
                                      const char    *folded_needle);

G_END_DECLS
