/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsecret/secret.h>

#include "pb-account.h"

G_BEGIN_DECLS

/* The libsecret schema of an account (SECRET_SCHEMA_NONE): attributes "account-id", "name",
 * "base-url", "sign-in" ("api-key" or "access-token"), "client-id", "token-endpoint",
 * "audience"; the secret is the client secret or the access token. */
const SecretSchema *_pb_account_get_schema           (void) G_GNUC_CONST;

/* The account an item's attributes describe (marked as saved), or NULL when they are not a
 * complete account (e.g. hidden by a locked keyring). */
PbAccount          *_pb_account_new_from_attributes  (GHashTable    *attributes);
/* The item attributes of the account as it is now (string → string). */
GHashTable         *_pb_account_build_attributes     (PbAccount     *self);
/* The attributes the account was saved with, or NULL when it is not saved. */
GHashTable         *_pb_account_get_saved_attributes (PbAccount     *self);
/* "Plugboard: <name>" */
char               *_pb_account_build_label          (PbAccount     *self);
/* After a successful save: the current attributes become the saved ones. */
void                _pb_account_mark_saved           (PbAccount     *self);
/* Copies the fields and the in-memory secret of `other` (same id); forgets the token when the
 * credentials changed. */
void                _pb_account_update_from          (PbAccount     *self,
                                                      PbAccount     *other);

/* Makes sure the secret is in memory (looks the saved one up in the keyring when needed, which
 * may prompt to unlock it). Errors: PB_ACCOUNT_ERROR. */
void                _pb_account_load_secret_async    (PbAccount           *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            _pb_account_load_secret_finish   (PbAccount     *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);
/* The secret in memory, or NULL. Never log it. */
const char         *_pb_account_peek_secret          (PbAccount     *self);

/* A PB_ACCOUNT_ERROR for a failure of libsecret (the technical detail goes to g_debug). A
 * G_IO_ERROR_CANCELLED stays one only when `cancellable` was cancelled: otherwise the user
 * dismissed the unlock prompt (KEYRING_LOCKED). */
GError             *_pb_account_error_from_secret    (const GError  *error,
                                                      GCancellable  *cancellable);

G_END_DECLS
