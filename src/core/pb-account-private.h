/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "pb-account.h"

G_BEGIN_DECLS

/* PbAccount spans pb-account.c (the object), pb-account-url.c (regions and addresses),
 * pb-account-keyring.c (the keyring) and pb-account-token.c (the PbTokenSource). */

struct _PbAccount
{
  GObject       parent_instance;

  char         *id;
  char         *name;
  char         *base_url;
  char         *host;
  PbSignIn      sign_in;
  char         *client_id;
  char         *token_endpoint;
  char         *audience;
  /* A production tenant: the window says so, and every write asks to type the name. */
  gboolean      production;

  /* The client secret or pasted token, once entered or loaded. Never logged. */
  char         *secret;
  /* Whether `secret` was entered (pb_account_set_secret()) rather than read from the keyring:
   * only an entered one may go to an address other than the saved item's. */
  gboolean      secret_entered;
  /* The attributes of the keyring item, or NULL while the account is not saved. */
  GHashTable   *saved_attributes;

  /* A token minted with the API key, and when (wall clock, µs) it runs out; 0: unknown. */
  char         *token;
  gint64        token_expires;
  gint64        token_margin;
  /* Raised whenever the credentials change, so a request in flight does not cache its token. */
  guint         generation;

  SoupSession  *session;
  GCancellable *cancellable;
  /* GTasks of get_token calls waiting for the token request in flight. */
  GPtrArray    *waiters;
  gboolean      requesting;
};

/* {{{ pb-account.c */

/* Call with the value of has-secret before a change. */
void                _pb_account_notify_has_secret    (PbAccount     *self,
                                                      gboolean       had_secret);
/* The sign-in of the saved item (the account must be saved). */
PbSignIn            _pb_account_get_saved_sign_in    (PbAccount     *self);
PbSignIn            _pb_sign_in_from_nick            (const char    *nick);
const char         *_pb_sign_in_to_nick              (PbSignIn       sign_in);
/* Wipes a secret string before freeing it. */
void                _pb_account_wipe_string          (char         **str);

/* }}} */
/* {{{ pb-account-url.c */

/* "host", "host:port" or "[v6]:port" of a URL; "" when it has none. */
char               *_pb_account_host_of_url          (const char    *url);

/* }}} */
/* {{{ pb-account-token.c */

void                _pb_account_token_source_init    (PbTokenSourceInterface *iface);

/* }}} */
/* {{{ pb-account-keyring.c */

/* The libsecret schema of an account (SECRET_SCHEMA_NONE): attributes "account-id", "name",
 * "base-url", "sign-in" ("api-key" or "access-token"), "client-id", "token-endpoint",
 * "audience", and "production" ("true", only on a production account: items saved before it
 * existed, and other accounts, have none); the secret is the client secret or the access
 * token. */
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
/* Whether the host of the base URL (or, with an API key, of the token endpoint) is not the
 * saved item's: its secret must not go there unless entered again. FALSE when not saved. */
gboolean            _pb_account_address_changed      (PbAccount     *self);
/* PB_ACCOUNT_ERROR_ADDRESS_CHANGED, with the sentence that says what to do. */
GError             *_pb_account_address_changed_error (PbAccount    *self);
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
/* Finishes a secret_password_search() that should have found nothing: FALSE with the keyring's
 * error, or with KEYRING_LOCKED when items are still there (libsecret answers a lookup or a
 * clear in a keyring that could not be unlocked with nothing rather than an error). */
gboolean            _pb_account_search_found_none    (GAsyncResult  *result,
                                                      GCancellable  *cancellable,
                                                      GError       **error);
/* PB_ACCOUNT_ERROR_KEYRING_LOCKED, with the sentence that says what to do. */
GError             *_pb_account_keyring_locked_error (void);
/* After an item was stored with `new_attributes`, removes the one saved before with
 * `old_attributes` (not equal to them), and never the new one, even when the old attributes
 * are a part of the new ones (a search by them would find both): then only the items found
 * whose attributes are not the new ones go. Errors: PB_ACCOUNT_ERROR. */
void                _pb_account_clear_old_item_async (GHashTable          *old_attributes,
                                                      GHashTable          *new_attributes,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            _pb_account_clear_old_item_finish (GAsyncResult       *result,
                                                       GError            **error);
/* Whether two sets of item attributes are the same (NULL equals only NULL). */
gboolean            _pb_account_attributes_equal     (GHashTable    *a,
                                                      GHashTable    *b);
/* The accounts that keyring items (SecretRetrievable) describe, one per id (the newest item
 * wins), in no particular order. `n_locked`: items skipped because they are locked. */
GPtrArray          *_pb_account_list_from_items      (GList         *items,
                                                      guint         *n_locked);

/* }}} */

G_END_DECLS
