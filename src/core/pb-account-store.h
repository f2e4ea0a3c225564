/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-account.h"

G_BEGIN_DECLS

/* The saved accounts: a GListModel of PbAccount (sorted by name as loaded, new ones appended)
 * and the active one. Accounts live in the keyring (libsecret, schema
 * io.github.plugboard.Plugboard.Account); only the id of the last active account goes to
 * GSettings ("last-account"). A failure of the keyring never deletes or overwrites an item. */
#define PB_TYPE_ACCOUNT_STORE (pb_account_store_get_type ())
G_DECLARE_FINAL_TYPE (PbAccountStore, pb_account_store, PB, ACCOUNT_STORE, GObject)

/* settings: a GSettings of io.github.plugboard.Plugboard (its "last-account" key is read on
 * load and written by set_active), or NULL to remember nothing. */
PbAccountStore *pb_account_store_new            (GSettings            *settings);

/* Reads the accounts' attributes from the keyring (not their secrets), replaces the list, and
 * makes the last used account (or the first one) active. Prompts to unlock the keyring only
 * when it cannot read them otherwise. Errors: PB_ACCOUNT_ERROR (KEYRING_LOCKED, NO_KEYRING,
 * KEYRING). On failure the list is left as it was. */
void            pb_account_store_load_async     (PbAccountStore       *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        pb_account_store_load_finish    (PbAccountStore       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* Whether a load has finished successfully (the list is what the keyring holds). */
gboolean        pb_account_store_get_loaded     (PbAccountStore       *self);

/* The active account (transfer none), or NULL when there is none. */
PbAccount      *pb_account_store_get_active     (PbAccountStore       *self);
/* account: one of the store's accounts, or NULL. Remembers its id in "last-account". */
void            pb_account_store_set_active     (PbAccountStore       *self,
                                                 PbAccount            *account);
/* The account with this id (transfer none), or NULL. */
PbAccount      *pb_account_store_lookup         (PbAccountStore       *self,
                                                 const char           *id);

/* Validates `account` and saves it in the keyring with its secret (the one in memory, or the
 * saved one when none was entered). When the store holds an account with the same id, that
 * account is updated in place (its token forgotten when the credentials changed); otherwise
 * `account` is appended, and made active if none was. On failure nothing in the keyring is
 * removed and the store is left as it was. On success the store emits "saved" (PbAccount *)
 * with the account that is in the store. */
void            pb_account_store_save_async     (PbAccountStore       *self,
                                                 PbAccount            *account,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* Returns the account that is in the store afterwards (transfer none), or NULL. */
PbAccount      *pb_account_store_save_finish    (PbAccountStore       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Signs out: removes the account's items from the keyring, then from the list. When it was the
 * active one, the first remaining account (or none) becomes active. */
void            pb_account_store_remove_async   (PbAccountStore       *self,
                                                 PbAccount            *account,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        pb_account_store_remove_finish  (PbAccountStore       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
