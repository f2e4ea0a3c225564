/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the row types (pb-name-value.c, pb-mapping.c) share: each keeps its strings in one
 * block. */

/* Copies strings (each may be NULL) into one block; out[i] points into it or is NULL. */
char     *_pb_pack_strings (const char * const *in,
                            guint               n,
                            const char        **out);
gboolean  _pb_strv_equal   (const char * const *a,
                            const char * const *b,
                            guint               n);

G_END_DECLS
