/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-client.h"
#include "pb-types.h"

G_BEGIN_DECLS

/* The connections of one account, as the window shows them: a GListModel of PbConnection that
 * loads itself from a PbClient.
 *
 * A refresh asks for the whole list; a newer refresh cancels and replaces one under way. While
 * the list is empty, pages are added as they come (the first at once, the rest a few times a
 * second, as each addition makes sorted views work again), and the offline copy of the last
 * complete list (pb-cache.h, under the cache id) is shown until the server answers. A complete
 * list is merged into the one shown (objects of the same ref are kept and updated in place, so
 * selections and bindings survive) and saved as the new offline copy. A failed refresh keeps
 * the list as it was and sets the error.
 *
 * Properties, each notified when it changes: "loading" (a refresh or a reload is under way),
 * "error" (why the last refresh failed, or NULL), "cached-at" (when the offline copy shown was
 * saved, or NULL when the list came from the server), "offline-copy" (cached-at is set). */
#define PB_TYPE_CONNECTION_STORE (pb_connection_store_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionStore, pb_connection_store, PB, CONNECTION_STORE, GObject)

/* client may be NULL (nothing to load); cache_id NULL keeps no offline copy. */
PbConnectionStore *pb_connection_store_new           (PbClient           *client,
                                                      const char         *cache_id);
PbClient          *pb_connection_store_get_client    (PbConnectionStore  *self);
/* Another source: stops what is under way and empties the list; nothing of the old one stays. */
void               pb_connection_store_set_client    (PbConnectionStore  *self,
                                                      PbClient           *client);
const char        *pb_connection_store_get_cache_id  (PbConnectionStore  *self);
void               pb_connection_store_set_cache_id  (PbConnectionStore  *self,
                                                      const char         *cache_id);
gboolean           pb_connection_store_get_loading   (PbConnectionStore  *self);
const GError      *pb_connection_store_get_error     (PbConnectionStore  *self);
GDateTime         *pb_connection_store_get_cached_at (PbConnectionStore  *self);
gboolean           pb_connection_store_get_offline_copy (PbConnectionStore *self);
/* How many connections of the list have fields Plugboard cannot read (kept as received; see
 * pb_connection_get_unreadable_fields()). Counted when asked: after "items-changed" or
 * "values-changed". */
guint              pb_connection_store_count_unreadable (PbConnectionStore *self);

/* Loads the whole list again. It finishes with G_IO_ERROR_CANCELLED when a newer refresh,
 * pb_connection_store_cancel() or another client replaced it; with the client's error (also in
 * "error") when it failed. Without a client it fails with G_IO_ERROR_NOT_INITIALIZED. */
void               pb_connection_store_refresh_async  (PbConnectionStore  *self,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean           pb_connection_store_refresh_finish (PbConnectionStore  *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);
/* Stops the refresh under way; the list stays as it is. */
void               pb_connection_store_cancel         (PbConnectionStore  *self);

/* Reads one connection again and updates it in place (or adds it, if the list does not have
 * it). A connection gone from the server is PB_CLIENT_ERROR_NOT_FOUND, and stays in the list
 * until the next refresh. Errors are returned only, "error" is the refresh's. The result is the
 * object in the list (transfer full). */
void               pb_connection_store_reload_async   (PbConnectionStore  *self,
                                                       const char         *ref,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
PbConnection      *pb_connection_store_reload_finish  (PbConnectionStore  *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);

/* Writes (implemented in pb-connection-store-write.c). Each one, before it sends anything,
 * keeps the version it replaces in the account's history (pb-history.h, under the cache id;
 * a failure there stops the write), and on success puts the server's answer in the list in
 * place of the old object (or adds it), so that the list shows the new revision.
 *
 * Errors: PB_CLIENT_ERROR of the server (400 with its message, 401, 403, 409, 415, 5xx…);
 * PB_STORE_ERROR_CONFLICT when the connection changed on the server since `base_json`
 * (its revision or modifiedAt moved): nothing was sent, and *current_json receives the
 * version now on the server; PB_STORE_ERROR_UNCERTAIN when the connection dropped after the
 * request was sent and reading it again could not tell whether the write happened
 * (*current_json receives what was read, when anything was). A dropped write that reading
 * again shows done is a success. Without a client: G_IO_ERROR_NOT_INITIALIZED; with the
 * offline copy shown: PB_STORE_ERROR_OFFLINE_COPY (nothing of a masked copy is ever sent).
 *
 * Details (pb-connection-store-write.c): a store without a cache id keeps no history. A write
 * is never sent twice; when it dropped after it was sent, an update is done when the server's
 * version moved and holds the body (server fields and member order aside), not done when the
 * server still has the version it replaced (the client's error is returned: the user may save
 * again), else uncertain; a create is done when exactly one connection the list did not have
 * when it began, at revision 1, holds the body, else uncertain. Cancelling after the request
 * went out gives G_IO_ERROR_CANCELLED without reading again: reload to know. A write saves the
 * list again as the offline copy when it is a complete one from the server. */
#define PB_STORE_ERROR (pb_store_error_quark ())
typedef enum
{
  PB_STORE_ERROR_CONFLICT,
  PB_STORE_ERROR_UNCERTAIN,
  PB_STORE_ERROR_OFFLINE_COPY,
} PbStoreError;
GQuark pb_store_error_quark (void);

typedef enum
{
  PB_STORE_WRITE_DEFAULT   = 0,
  PB_STORE_WRITE_OVERWRITE = 1 << 0, /* no conflict check: the user chose to overwrite */
} PbStoreWriteFlags;

/* PUT /v2/connections/{ref} of `body_json` (the whole object). Just before, the connection is
 * read again and compared with `base_json` (the version the edit started from): see
 * PB_STORE_ERROR_CONFLICT. `reason` is what the history entry says (a PbHistoryReason).
 * base_json may be NULL with PB_STORE_WRITE_OVERWRITE. The history keeps the version read just
 * before the PUT, as received. */
void          pb_connection_store_update_async  (PbConnectionStore  *self,
                                                 const char         *ref,
                                                 const char         *base_json,
                                                 const char         *body_json,
                                                 int                 reason,
                                                 PbStoreWriteFlags   flags,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
PbConnection *pb_connection_store_update_finish (PbConnectionStore  *self,
                                                 GAsyncResult       *result,
                                                 char              **current_json,
                                                 GError            **error);
/* POST /v2/connections of `body_json`; the new connection is added to the list. */
void          pb_connection_store_create_async  (PbConnectionStore  *self,
                                                 const char         *body_json,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
PbConnection *pb_connection_store_create_finish (PbConnectionStore  *self,
                                                 GAsyncResult       *result,
                                                 char              **current_json,
                                                 GError            **error);

G_END_DECLS
