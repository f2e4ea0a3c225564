/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "pb-history.h"

G_BEGIN_DECLS

/* pb-history spans pb-history.c (the document, the calls), pb-history-entry.c (one replaced
 * version and its member of the document), pb-history-crypt.c
 * (the sealed file: AES-256-GCM with GnuTLS) and pb-history-key.c (the key in the keyring). */

#define PB_HISTORY_KEY_SIZE 32

/* An account's key: never logged, wiped when freed. */
typedef struct
{
  guint8 bytes[PB_HISTORY_KEY_SIZE];
} PbHistoryKey;

/* {{{ pb-history-entry.c */

/* An entry for the connection `json` as received, replaced now. NULL with a PB_PARSE_ERROR
 * when it is not an object with a "ref". */
PbHistoryEntry *_pb_history_entry_new_for_connection (const char       *json,
                                                      PbHistoryReason   reason,
                                                      GError          **error);
/* The entry a member of "entries" describes, or NULL when it is not one. */
PbHistoryEntry *_pb_history_entry_new_from_json      (JsonObject       *object);
/* Adds the entry's member of "entries" (an object) to `builder`. */
void            _pb_history_entry_build_json         (JsonBuilder      *builder,
                                                      PbHistoryEntry   *entry);

/* }}} */
/* {{{ pb-history-crypt.c */

PbHistoryKey *_pb_history_key_new_random   (void);
void          _pb_history_key_free         (PbHistoryKey  *key);
/* The key as the keyring keeps it (base64), and back (NULL when the text is not a key). */
char         *_pb_history_key_to_text      (const PbHistoryKey *key);
PbHistoryKey *_pb_history_key_from_text    (const char    *text);
/* Zeroes `length` bytes at `data`, in a way the compiler does not leave out. */
void          _pb_history_wipe             (gpointer       data,
                                            gsize          length);

/* The file: "PBHIST", a version byte (1), a random 96-bit nonce, then the plain document
 * encrypted with AES-256-GCM and its 128-bit tag. The associated data is the magic, the
 * version and the account id, so that a file copied to another account's name does not
 * open. */
GBytes       *_pb_history_seal             (const PbHistoryKey *key,
                                            const char    *account_id,
                                            const char    *plain,
                                            gsize          length,
                                            GError       **error);
/* The plain document (NUL-terminated; wipe it when done), or NULL with
 * PB_HISTORY_ERROR_UNREADABLE (wrong key, damaged, truncated, another account's). */
char         *_pb_history_open             (const PbHistoryKey *key,
                                            const char    *account_id,
                                            GBytes        *sealed,
                                            gsize         *length,
                                            GError       **error);
/* The error for a file that cannot be read (the detail goes to g_debug). */
GError       *_pb_history_unreadable_error (const char    *detail);

/* }}} */
/* {{{ pb-history-key.c */

/* The libsecret schema of the keys: attribute "account". */
const SecretSchema *_pb_history_key_get_schema (void) G_GNUC_CONST;

/* The account's key from the keyring; when there is none, a new one is made and stored if
 * `create`, else the result is NULL without an error. Errors: PB_ACCOUNT_ERROR (locked,
 * missing keyring). */
void          _pb_history_key_get_async    (const char          *account_id,
                                            gboolean             create,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PbHistoryKey *_pb_history_key_get_finish   (GAsyncResult        *result,
                                            GError             **error);
/* Removes the account's key from the keyring (none is not an error). */
void          _pb_history_key_clear_async  (const char          *account_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      _pb_history_key_clear_finish (GAsyncResult        *result,
                                            GError             **error);

/* }}} */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbHistoryKey, _pb_history_key_free)

G_END_DECLS
