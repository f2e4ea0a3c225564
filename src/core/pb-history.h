/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The way back: before every write, the version it replaces is kept as received, in a history
 * per account: <user data folder>/plugboard/history-<account id> (the id reduced as the
 * offline cache reduces it; the folder 0700, the file 0600, written to a temporary file and
 * renamed). The versions hold the tenant's secrets as received (a restore must send them back),
 * so the file is encrypted (AES-256-GCM, GnuTLS) with a random key of the account's kept in
 * the keyring (libsecret, schema PB_HISTORY_KEY_SCHEMA_NAME, attribute "account"), made at the
 * first write. Nothing of it is on disk in clear. A keyring that is locked or missing is a
 * PB_ACCOUNT_ERROR (pb-account.h): nothing is written, and the write that asked must not go on.
 * A file that cannot be decrypted (key gone, file damaged) is PB_HISTORY_ERROR_UNREADABLE and
 * is never overwritten silently: appending fails the same way until the user clears it.
 * At most PB_HISTORY_MAX_ENTRIES per connection ref are kept (the oldest go). */

#define PB_HISTORY_KEY_SCHEMA_NAME "io.github.plugboard.Plugboard.HistoryKey"
#define PB_HISTORY_MAX_ENTRIES 50

#define PB_HISTORY_ERROR (pb_history_error_quark ())
typedef enum
{
  PB_HISTORY_ERROR_UNREADABLE,
} PbHistoryError;
GQuark pb_history_error_quark (void);

/* Why a version was replaced. */
typedef enum
{
  PB_HISTORY_EDIT,
  PB_HISTORY_ARCHIVE,
  PB_HISTORY_UNARCHIVE,
  PB_HISTORY_RESTORE,
  PB_HISTORY_OVERWRITE, /* saved over a newer version after a conflict */
  PB_HISTORY_PROMOTE,   /* replaced by a copy from another account */
} PbHistoryReason;

#define PB_TYPE_HISTORY_REASON (pb_history_reason_get_type ())
GType pb_history_reason_get_type (void);

/* One replaced version. Its read-only properties "ref", "name", "revision", "replaced-at",
 * "reason" and "json" are the getters below, for expressions in a list's template. */
#define PB_TYPE_HISTORY_ENTRY (pb_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (PbHistoryEntry, pb_history_entry, PB, HISTORY_ENTRY, GObject)

const char      *pb_history_entry_get_ref         (PbHistoryEntry *self);
const char      *pb_history_entry_get_name        (PbHistoryEntry *self); /* of the version */
gint64           pb_history_entry_get_revision    (PbHistoryEntry *self); /* -1 if none */
GDateTime       *pb_history_entry_get_replaced_at (PbHistoryEntry *self); /* UTC */
PbHistoryReason  pb_history_entry_get_reason      (PbHistoryEntry *self);
const char      *pb_history_entry_get_json        (PbHistoryEntry *self); /* as received */

/* Keeps `json` (a connection as received, which must have a "ref") before it is replaced. */
void       pb_history_append_async  (const char          *account_id,
                                     const char          *json,
                                     PbHistoryReason      reason,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean   pb_history_append_finish (GAsyncResult        *result,
                                     GError             **error);

/* The versions of one connection (ref), or of every connection (ref NULL), newest first: a
 * GListStore of PbHistoryEntry. No history yet is an empty list, not an error. */
void        pb_history_list_async   (const char          *account_id,
                                     const char          *ref,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GListModel *pb_history_list_finish  (GAsyncResult        *result,
                                     GError             **error);

/* Removes the account's history file and its key (Remove Account, Clear History). */
void       pb_history_clear_async   (const char          *account_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean   pb_history_clear_finish  (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
