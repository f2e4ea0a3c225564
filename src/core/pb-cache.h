/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* The offline view's cache: the last list of connections that loaded completely, one file per
 * account: <user cache folder>/plugboard/connections-<account id>.json (the id reduced to
 * letters, digits and '-'; the demo uses "demo"). The folder is 0700, the file 0600, written
 * to a temporary file and renamed. It holds
 *   {"savedAt": "<ISO 8601 UTC>", "baseUrl": "…", "items": [<each connection, masked>]}
 * and nothing of the account's credentials (no token, no secret).
 * Nothing of the tenant's secrets is kept in clear either: each connection is written masked
 * by the rule of Copy JSON (pb_export_connection_compact() without secrets: the values of
 * secret-looking headers, URL parameters, form items, members of auth and of the request body,
 * query parameters of its URLs). So the offline view is read-only: what it reads back is the
 * masked connection (a masked number or boolean reads as the string "••••••"), which must never
 * be saved to the API or revealed by "Include Secrets". */

/* The file of an account's cache (whether it exists or not). */
char      *pb_cache_get_path    (const char           *account_id);

/* Saves `connections` (PbConnection) for the account. Masking them and writing happen in the
 * background. */
void       pb_cache_save_async  (const char           *account_id,
                                 const char           *base_url,
                                 GPtrArray            *connections,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean   pb_cache_save_finish (GAsyncResult         *result,
                                 GError              **error);

/* Reads the account's cache; reading and parsing run on a worker thread.
 * base_url: when not NULL, a cache saved for another base URL is treated as missing (the account
 * now points elsewhere). Result: a GPtrArray of PbConnection; saved_at (may be NULL) receives
 * when it was saved (UTC). A missing cache is G_IO_ERROR_NOT_FOUND; a damaged one is a
 * PB_PARSE_ERROR (and nothing of it is returned). */
void       pb_cache_load_async  (const char           *account_id,
                                 const char           *base_url,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
GPtrArray *pb_cache_load_finish (GAsyncResult         *result,
                                 GDateTime           **saved_at,
                                 GError              **error);

/* Removes the account's cache (when signing out). A missing one is not an error. */
gboolean   pb_cache_remove      (const char           *account_id,
                                 GError              **error);
/* Removes the cache of every account ("Clear Cache" in the preferences), and the temporary
 * files of writes that were interrupted. A missing folder is not an error. */
gboolean   pb_cache_clear_all   (GError              **error);

G_END_DECLS
