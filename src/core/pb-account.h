/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-token-source.h"

G_BEGIN_DECLS

/* Failures of the keyring and of the account's settings, by what the user can do about them.
 * Messages are translated sentences for people; they never contain a secret. */
#define PB_ACCOUNT_ERROR (pb_account_error_quark ())

typedef enum
{
  PB_ACCOUNT_ERROR_KEYRING_LOCKED,  /* the keyring is locked and could not be unlocked */
  PB_ACCOUNT_ERROR_NO_KEYRING,      /* no Secret Service (nor portal) answers */
  PB_ACCOUNT_ERROR_KEYRING,         /* any other failure of the keyring */
  PB_ACCOUNT_ERROR_NOT_FOUND,       /* the saved secret is gone from the keyring */
  PB_ACCOUNT_ERROR_INVALID_URL,     /* a base URL or token endpoint that cannot be used */
  PB_ACCOUNT_ERROR_INCOMPLETE,      /* a required field (client ID, secret, …) is empty */
  PB_ACCOUNT_ERROR_ADDRESS_CHANGED, /* a host changed: the saved secret must be entered again */
} PbAccountError;

GQuark pb_account_error_quark (void);

/* How the account gets its bearer token. */
typedef enum
{
  PB_SIGN_IN_API_KEY,       /* client ID + client secret, tokens minted at the token endpoint */
  PB_SIGN_IN_ACCESS_TOKEN,  /* a pasted access token, used as it is */
} PbSignIn;

#define PB_TYPE_SIGN_IN (pb_sign_in_get_type ())
GType pb_sign_in_get_type (void);

/* The regions of Sitecore Personalize and their API hosts (see docs: api.md). */
typedef enum
{
  PB_REGION_EUROPE,
  PB_REGION_UNITED_STATES,
  PB_REGION_ASIA_PACIFIC,
  PB_REGION_JAPAN,
  PB_REGION_CUSTOM,
} PbRegion;

#define PB_TYPE_REGION (pb_region_get_type ())
GType       pb_region_get_type       (void);
/* The base URL of a region; NULL for PB_REGION_CUSTOM. */
const char *pb_region_get_base_url   (PbRegion    region);
/* The region whose base URL this is (ignoring a trailing slash), or PB_REGION_CUSTOM. */
PbRegion    pb_region_for_base_url   (const char *base_url);

#define PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT "https://auth.sitecorecloud.io/oauth/token"
#define PB_ACCOUNT_DEFAULT_AUDIENCE       "https://api.sitecorecloud.io"
#define PB_ACCOUNT_SCHEMA_NAME            "io.github.plugboard.Plugboard.Account"

/* Checks a base URL or token endpoint: http or https with a host, no user name or password,
 * no query or fragment, and https unless the host is this computer (127.0.0.0/8, ::1,
 * localhost). On failure the message explains what is wrong (PB_ACCOUNT_ERROR_INVALID_URL). */
gboolean pb_account_check_url       (const char  *url,
                                     GError     **error);
/* Trims spaces and trailing slashes. */
char    *pb_account_normalize_url   (const char  *url);
/* Whether the URL's host is a loopback address or "localhost". */
gboolean pb_account_url_is_loopback (const char  *url);

/* One account: a base URL and the credentials for it. It is a PbTokenSource: give it to a
 * PbClient with pb_client_set_token_source(). The secret is loaded from the keyring only when a
 * token is needed, and access tokens minted with an API key are kept in memory only. */
#define PB_TYPE_ACCOUNT (pb_account_get_type ())
G_DECLARE_FINAL_TYPE (PbAccount, pb_account, PB, ACCOUNT, GObject)

/* A new, unsaved account with a generated id, the Europe region, API key sign-in and the
 * default token endpoint and audience. */
PbAccount  *pb_account_new                (void);
/* A copy with the same id and fields (and the same secret, if it is in memory), for editing.
 * pb_account_store_save_async() applies it to the account in the store. */
PbAccount  *pb_account_copy               (PbAccount   *self);

const char *pb_account_get_id             (PbAccount   *self);
/* The display name: what the user typed, or the host. */
const char *pb_account_get_name           (PbAccount   *self);
void        pb_account_set_name           (PbAccount   *self,
                                           const char  *name);
const char *pb_account_get_base_url       (PbAccount   *self);
void        pb_account_set_base_url       (PbAccount   *self,
                                           const char  *base_url);
/* The host (and port, if any) of the base URL: the name of an account without one; "" when
 * there is none. */
const char *pb_account_get_host           (PbAccount   *self);
PbSignIn    pb_account_get_sign_in        (PbAccount   *self);
void        pb_account_set_sign_in        (PbAccount   *self,
                                           PbSignIn     sign_in);
const char *pb_account_get_client_id      (PbAccount   *self);
void        pb_account_set_client_id      (PbAccount   *self,
                                           const char  *client_id);
const char *pb_account_get_token_endpoint (PbAccount   *self);
void        pb_account_set_token_endpoint (PbAccount   *self,
                                           const char  *token_endpoint);
const char *pb_account_get_audience       (PbAccount   *self);
void        pb_account_set_audience       (PbAccount   *self,
                                           const char  *audience);
/* The client secret (API key) or the access token, kept in memory until the account is saved.
 * NULL or "" forgets an unsaved one; a saved one stays in the keyring. */
void        pb_account_set_secret         (PbAccount   *self,
                                           const char  *secret);
/* Whether a secret is known: in memory, or saved in the keyring. A saved secret never follows
 * a changed address: once the host of the base URL (or, with an API key, of the token
 * endpoint) differs from the saved item's, only a secret entered again counts. */
gboolean    pb_account_get_has_secret     (PbAccount   *self);
/* Whether the account is saved and the host of its base URL (or, with an API key, of its token
 * endpoint) is no longer the saved item's: the saved secret must be entered again to be used,
 * whether or not it has been already (for a form to say so). */
gboolean    pb_account_get_address_changed (PbAccount *self);
/* Whether the account is in the keyring (loaded from it, or saved). */
gboolean    pb_account_get_saved          (PbAccount   *self);
/* Checks that the account can be saved and used: valid URLs, a client ID and a secret.
 * The message says what to fix (PB_ACCOUNT_ERROR_INVALID_URL, _INCOMPLETE, or
 * _ADDRESS_CHANGED for a saved secret that must be entered again for a new host). */
gboolean    pb_account_validate           (PbAccount   *self,
                                           GError     **error);
/* Whether the account is a production tenant (property "production"): the window says so at
 * all times and every write asks the user to type the connection's name. Not a secret: stored
 * with the account's other settings, saved by pb_account_store_save_async(). */
gboolean    pb_account_get_production     (PbAccount   *self);
void        pb_account_set_production     (PbAccount   *self,
                                           gboolean     production);
/* Forgets the access token minted with the API key (the next request mints a new one). */
void        pb_account_forget_token       (PbAccount   *self);

G_END_DECLS
