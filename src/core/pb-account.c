/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-account"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-account-private.h"
#include "pb-client.h"
#include "pb-connection.h"
#include "pb-json.h"

/* Renew a minted token this long before it runs out: a tenth of its lifetime, between 1 and
 * 60 seconds (so a token that lives 1 s is renewed on the next call). */
#define RENEW_MARGIN_MAX_S 60
#define TOKEN_TIMEOUT_S 30
#define MAX_TOKEN_RESPONSE_SIZE (1024 * 1024)
#define MAX_TOKEN_LIFETIME_S    (366 * 24 * 60 * 60)

G_DEFINE_QUARK (pb-account-error-quark, pb_account_error)

G_DEFINE_ENUM_TYPE (PbSignIn, pb_sign_in,
  G_DEFINE_ENUM_VALUE (PB_SIGN_IN_API_KEY, "api-key"),
  G_DEFINE_ENUM_VALUE (PB_SIGN_IN_ACCESS_TOKEN, "access-token"))

G_DEFINE_ENUM_TYPE (PbRegion, pb_region,
  G_DEFINE_ENUM_VALUE (PB_REGION_EUROPE, "europe"),
  G_DEFINE_ENUM_VALUE (PB_REGION_UNITED_STATES, "united-states"),
  G_DEFINE_ENUM_VALUE (PB_REGION_ASIA_PACIFIC, "asia-pacific"),
  G_DEFINE_ENUM_VALUE (PB_REGION_JAPAN, "japan"),
  G_DEFINE_ENUM_VALUE (PB_REGION_CUSTOM, "custom"))

static const char * const region_base_urls[] = {
  [PB_REGION_EUROPE] = "https://api-engage-eu.sitecorecloud.io",
  [PB_REGION_UNITED_STATES] = "https://api-engage-us.sitecorecloud.io",
  [PB_REGION_ASIA_PACIFIC] = "https://api-engage-ap.sitecorecloud.io",
  [PB_REGION_JAPAN] = "https://api-engage-jpe.sitecorecloud.io",
};

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

  /* The client secret or pasted token, once entered or loaded. Never logged. */
  char         *secret;
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

static void pb_account_token_source_init (PbTokenSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbAccount, pb_account, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_TOKEN_SOURCE,
                                                      pb_account_token_source_init))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BASE_URL,
  PROP_HOST,
  PROP_SIGN_IN,
  PROP_CLIENT_ID,
  PROP_TOKEN_ENDPOINT,
  PROP_AUDIENCE,
  PROP_HAS_SECRET,
  PROP_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      secret_password_wipe (*str);
      g_clear_pointer (str, g_free);
    }
}

/* Regions and URLs */

const char *
pb_region_get_base_url (PbRegion region)
{
  g_return_val_if_fail (region <= PB_REGION_CUSTOM, NULL);

  if (region == PB_REGION_CUSTOM)
    return NULL;

  return region_base_urls[region];
}

PbRegion
pb_region_for_base_url (const char *base_url)
{
  g_autofree char *normalized = NULL;

  if (base_url == NULL)
    return PB_REGION_CUSTOM;

  normalized = pb_account_normalize_url (base_url);
  for (guint i = 0; i < G_N_ELEMENTS (region_base_urls); i++)
    {
      if (g_ascii_strcasecmp (normalized, region_base_urls[i]) == 0)
        return (PbRegion) i;
    }

  return PB_REGION_CUSTOM;
}

char *
pb_account_normalize_url (const char *url)
{
  char *copy;
  gsize len;

  if (url == NULL)
    return g_strdup ("");

  copy = g_strstrip (g_strdup (url));
  len = strlen (copy);
  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
pb_account_url_is_loopback (const char *url)
{
  g_autofree char *normalized = pb_account_normalize_url (url);
  g_autoptr(GUri) uri = g_uri_parse (normalized, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && host_is_loopback (g_uri_get_host (uri));
}

gboolean
pb_account_check_url (const char  *url,
                      GError     **error)
{
  g_autofree char *normalized = pb_account_normalize_url (url);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (*normalized == '\0')
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("Enter a web address, such as "
                             "https://api-engage-eu.sitecorecloud.io."));
      return FALSE;
    }

  uri = g_uri_parse (normalized, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("This is not a web address. Enter one such as "
                             "https://api-engage-eu.sitecorecloud.io."));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("The address must not contain a user name or password. "
                             "Enter the credentials under “Sign-In” instead."));
      return FALSE;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("The address must not contain “?” or “#”."));
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") != 0 && !host_is_loopback (host))
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                           _("The address must start with https://, so that the credentials "
                             "travel encrypted. Plain http:// is allowed only for this "
                             "computer (localhost, 127.0.0.1 or ::1)."));
      return FALSE;
    }

  return TRUE;
}

static char *
host_of_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return g_strdup ("");

  if (g_uri_get_port (uri) > 0)
    {
      if (strchr (host, ':') != NULL)
        return g_strdup_printf ("[%s]:%d", host, g_uri_get_port (uri));
      return g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));
    }

  return g_strdup (host);
}

/* GObject */

static void
pb_account_dispose (GObject *object)
{
  PbAccount *self = (PbAccount *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (pb_account_parent_class)->dispose (object);
}

static void
pb_account_finalize (GObject *object)
{
  PbAccount *self = (PbAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->token_endpoint, g_free);
  g_clear_pointer (&self->audience, g_free);
  wipe_string (&self->secret);
  wipe_string (&self->token);
  g_clear_pointer (&self->saved_attributes, g_hash_table_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_account_parent_class)->finalize (object);
}

static void
pb_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbAccount *self = PB_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, pb_account_get_name (self));
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_SIGN_IN:
      g_value_set_enum (value, self->sign_in);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_TOKEN_ENDPOINT:
      g_value_set_string (value, self->token_endpoint);
      break;
    case PROP_AUDIENCE:
      g_value_set_string (value, self->audience);
      break;
    case PROP_HAS_SECRET:
      g_value_set_boolean (value, pb_account_get_has_secret (self));
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, pb_account_get_saved (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PbAccount *self = PB_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      if (self->id == NULL || *self->id == '\0')
        {
          g_free (self->id);
          self->id = g_uuid_string_random ();
        }
      break;
    case PROP_NAME:
      pb_account_set_name (self, g_value_get_string (value));
      break;
    case PROP_BASE_URL:
      pb_account_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_SIGN_IN:
      pb_account_set_sign_in (self, g_value_get_enum (value));
      break;
    case PROP_CLIENT_ID:
      pb_account_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_TOKEN_ENDPOINT:
      pb_account_set_token_endpoint (self, g_value_get_string (value));
      break;
    case PROP_AUDIENCE:
      pb_account_set_audience (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_class_init (PbAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_account_dispose;
  object_class->finalize = pb_account_finalize;
  object_class->get_property = pb_account_get_property;
  object_class->set_property = pb_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SIGN_IN] =
    g_param_spec_enum ("sign-in", NULL, NULL, PB_TYPE_SIGN_IN, PB_SIGN_IN_API_KEY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOKEN_ENDPOINT] =
    g_param_spec_string ("token-endpoint", NULL, NULL, PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_AUDIENCE] =
    g_param_spec_string ("audience", NULL, NULL, PB_ACCOUNT_DEFAULT_AUDIENCE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_SECRET] =
    g_param_spec_boolean ("has-secret", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVED] =
    g_param_spec_boolean ("saved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_account_init (PbAccount *self)
{
  self->name = g_strdup ("");
  self->base_url = g_strdup (region_base_urls[PB_REGION_EUROPE]);
  self->host = host_of_url (self->base_url);
  self->sign_in = PB_SIGN_IN_API_KEY;
  self->client_id = g_strdup ("");
  self->token_endpoint = g_strdup (PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT);
  self->audience = g_strdup (PB_ACCOUNT_DEFAULT_AUDIENCE);
  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

PbAccount *
pb_account_new (void)
{
  return g_object_new (PB_TYPE_ACCOUNT, NULL);
}

PbAccount *
pb_account_copy (PbAccount *self)
{
  PbAccount *copy;

  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  copy = g_object_new (PB_TYPE_ACCOUNT, "id", self->id, NULL);
  _pb_account_update_from (copy, self);
  if (self->saved_attributes != NULL)
    copy->saved_attributes = g_hash_table_ref (self->saved_attributes);

  return copy;
}

const char *
pb_account_get_id (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
pb_account_get_name (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return *self->name != '\0' ? self->name : self->host;
}

/* Sets *field to a copy of value (NULL: ""); returns whether it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

void
pb_account_set_name (PbAccount  *self,
                     const char *name)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (set_string (&self->name, stripped))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pb_account_get_base_url (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->base_url;
}

void
pb_account_set_base_url (PbAccount  *self,
                         const char *base_url)
{
  g_autofree char *normalized = NULL;
  g_autofree char *host = NULL;
  gboolean name_was_host;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  normalized = pb_account_normalize_url (base_url);
  if (!set_string (&self->base_url, normalized))
    return;

  name_was_host = *self->name == '\0';
  host = host_of_url (self->base_url);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  if (set_string (&self->host, host))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
      if (name_was_host)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
pb_account_get_host (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->host;
}

PbSignIn
pb_account_get_sign_in (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), PB_SIGN_IN_API_KEY);

  return self->sign_in;
}

static PbSignIn
sign_in_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "access-token") == 0)
    return PB_SIGN_IN_ACCESS_TOKEN;

  return PB_SIGN_IN_API_KEY;
}

static const char *
sign_in_to_nick (PbSignIn sign_in)
{
  return sign_in == PB_SIGN_IN_ACCESS_TOKEN ? "access-token" : "api-key";
}

void
pb_account_forget_token (PbAccount *self)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  self->generation++;
  wipe_string (&self->token);
  self->token_expires = 0;
}

/* Call with the value of has-secret before a change. */
static void
notify_has_secret (PbAccount *self,
                   gboolean   had_secret)
{
  if (had_secret != pb_account_get_has_secret (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SECRET]);
}

void
pb_account_set_sign_in (PbAccount *self,
                        PbSignIn   sign_in)
{
  gboolean had_secret;

  g_return_if_fail (PB_IS_ACCOUNT (self));
  g_return_if_fail (sign_in == PB_SIGN_IN_API_KEY || sign_in == PB_SIGN_IN_ACCESS_TOKEN);

  if (self->sign_in == sign_in)
    return;

  had_secret = pb_account_get_has_secret (self);
  self->sign_in = sign_in;
  pb_account_forget_token (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN]);
  notify_has_secret (self, had_secret);
}

const char *
pb_account_get_client_id (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->client_id;
}

void
pb_account_set_client_id (PbAccount  *self,
                          const char *client_id)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  stripped = g_strstrip (g_strdup (client_id != NULL ? client_id : ""));
  if (set_string (&self->client_id, stripped))
    {
      pb_account_forget_token (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
    }
}

const char *
pb_account_get_token_endpoint (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->token_endpoint;
}

void
pb_account_set_token_endpoint (PbAccount  *self,
                               const char *token_endpoint)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  stripped = g_strstrip (g_strdup (token_endpoint != NULL ? token_endpoint : ""));
  if (set_string (&self->token_endpoint,
                  *stripped != '\0' ? stripped : PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT))
    {
      pb_account_forget_token (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_ENDPOINT]);
    }
}

const char *
pb_account_get_audience (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->audience;
}

void
pb_account_set_audience (PbAccount  *self,
                         const char *audience)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  stripped = g_strstrip (g_strdup (audience != NULL ? audience : ""));
  if (set_string (&self->audience, *stripped != '\0' ? stripped : PB_ACCOUNT_DEFAULT_AUDIENCE))
    {
      pb_account_forget_token (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
    }
}

void
pb_account_set_secret (PbAccount  *self,
                       const char *secret)
{
  gboolean had_secret;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  if (secret != NULL && *secret == '\0')
    secret = NULL;

  if (g_strcmp0 (secret, self->secret) == 0)
    return;

  had_secret = pb_account_get_has_secret (self);
  wipe_string (&self->secret);
  self->secret = g_strdup (secret);
  pb_account_forget_token (self);
  notify_has_secret (self, had_secret);
}

static PbSignIn
saved_sign_in (PbAccount *self)
{
  g_assert (self->saved_attributes != NULL);

  return sign_in_from_nick (g_hash_table_lookup (self->saved_attributes, "sign-in"));
}

gboolean
pb_account_get_has_secret (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  if (self->secret != NULL)
    return TRUE;

  /* The saved secret is only of use for the same kind of sign-in. */
  return self->saved_attributes != NULL && saved_sign_in (self) == self->sign_in;
}

gboolean
pb_account_get_saved (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  return self->saved_attributes != NULL;
}

gboolean
pb_account_validate (PbAccount  *self,
                     GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  if (!pb_account_check_url (self->base_url, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s ",
                                  _("The base URL cannot be used."));
      return FALSE;
    }

  if (self->sign_in == PB_SIGN_IN_API_KEY)
    {
      if (!pb_account_check_url (self->token_endpoint, &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s ",
                                      _("The token endpoint cannot be used."));
          return FALSE;
        }

      if (*self->client_id == '\0')
        {
          g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE,
                               _("Enter the client ID of the API key."));
          return FALSE;
        }
    }

  if (!pb_account_get_has_secret (self))
    {
      g_set_error_literal (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE,
                           self->sign_in == PB_SIGN_IN_API_KEY
                           ? _("Enter the client secret of the API key.")
                           : _("Paste an access token."));
      return FALSE;
    }

  return TRUE;
}

/* Internal API */

const SecretSchema *
_pb_account_get_schema (void)
{
  static const SecretSchema schema = {
    PB_ACCOUNT_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "sign-in", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "token-endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "audience", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

PbAccount *
_pb_account_new_from_attributes (GHashTable *attributes)
{
  const char *id;
  const char *sign_in;
  PbAccount *self;

  g_return_val_if_fail (attributes != NULL, NULL);

  id = g_hash_table_lookup (attributes, "account-id");
  sign_in = g_hash_table_lookup (attributes, "sign-in");
  if (id == NULL || *id == '\0' || sign_in == NULL
      || g_hash_table_lookup (attributes, "base-url") == NULL)
    return NULL;

  self = g_object_new (PB_TYPE_ACCOUNT,
                       "id", id,
                       "base-url", g_hash_table_lookup (attributes, "base-url"),
                       "name", g_hash_table_lookup (attributes, "name"),
                       "sign-in", sign_in_from_nick (sign_in),
                       "client-id", g_hash_table_lookup (attributes, "client-id"),
                       "token-endpoint", g_hash_table_lookup (attributes, "token-endpoint"),
                       "audience", g_hash_table_lookup (attributes, "audience"),
                       NULL);
  /* What is really in the keyring, so that a later save finds (and replaces) this item. */
  self->saved_attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, attributes);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (self->saved_attributes, g_strdup (key), g_strdup (value));
  }
  g_hash_table_remove (self->saved_attributes, "xdg:schema");

  return self;
}

GHashTable *
_pb_account_build_attributes (PbAccount *self)
{
  GHashTable *attributes;

  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (attributes, g_strdup ("account-id"), g_strdup (self->id));
  g_hash_table_insert (attributes, g_strdup ("name"), g_strdup (pb_account_get_name (self)));
  g_hash_table_insert (attributes, g_strdup ("base-url"), g_strdup (self->base_url));
  g_hash_table_insert (attributes, g_strdup ("sign-in"),
                       g_strdup (sign_in_to_nick (self->sign_in)));
  g_hash_table_insert (attributes, g_strdup ("client-id"),
                       g_strdup (self->sign_in == PB_SIGN_IN_API_KEY ? self->client_id : ""));
  g_hash_table_insert (attributes, g_strdup ("token-endpoint"), g_strdup (self->token_endpoint));
  g_hash_table_insert (attributes, g_strdup ("audience"), g_strdup (self->audience));

  return attributes;
}

GHashTable *
_pb_account_get_saved_attributes (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->saved_attributes;
}

char *
_pb_account_build_label (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return g_strdup_printf ("Plugboard: %s", pb_account_get_name (self));
}

void
_pb_account_mark_saved (PbAccount *self)
{
  gboolean had_secret;
  gboolean was_saved;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  had_secret = pb_account_get_has_secret (self);
  was_saved = self->saved_attributes != NULL;
  g_clear_pointer (&self->saved_attributes, g_hash_table_unref);
  self->saved_attributes = _pb_account_build_attributes (self);
  if (*self->name == '\0')
    set_string (&self->name, self->host);
  if (!was_saved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
  notify_has_secret (self, had_secret);
}

void
_pb_account_update_from (PbAccount *self,
                         PbAccount *other)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));
  g_return_if_fail (PB_IS_ACCOUNT (other));
  g_return_if_fail (g_strcmp0 (self->id, other->id) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  pb_account_set_name (self, other->name);
  pb_account_set_base_url (self, other->base_url);
  pb_account_set_sign_in (self, other->sign_in);
  pb_account_set_client_id (self, other->client_id);
  pb_account_set_token_endpoint (self, other->token_endpoint);
  pb_account_set_audience (self, other->audience);
  if (other->secret != NULL)
    pb_account_set_secret (self, other->secret);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
_pb_account_peek_secret (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->secret;
}

GError *
_pb_account_error_from_secret (const GError *error,
                               GCancellable *cancellable)
{
  g_return_val_if_fail (error != NULL, NULL);

  g_debug ("Keyring error: %s (%s, %d)",
           error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_cancellable_is_cancelled (cancellable))
        return g_error_copy (error);

      /* The unlock prompt was dismissed, or could not be shown. */
      return g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_KEYRING_LOCKED,
                                  _("The keyring is locked. Unlock it (for example by signing "
                                    "in again) and try again."));
    }

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_KEYRING_LOCKED,
                                _("The keyring is locked. Unlock it (for example by signing "
                                  "in again) and try again."));

  if ((error->domain == G_DBUS_ERROR
       && (error->code == G_DBUS_ERROR_SERVICE_UNKNOWN
           || error->code == G_DBUS_ERROR_NAME_HAS_NO_OWNER
           || error->code == G_DBUS_ERROR_NO_SERVER
           || error->code == G_DBUS_ERROR_DISCONNECTED
           || error->code == G_DBUS_ERROR_UNKNOWN_METHOD
           || error->code == G_DBUS_ERROR_UNKNOWN_OBJECT
           || error->code == G_DBUS_ERROR_UNKNOWN_INTERFACE
           || error->code == G_DBUS_ERROR_FILE_NOT_FOUND
           || (error->code >= G_DBUS_ERROR_SPAWN_EXEC_FAILED
               && error->code <= G_DBUS_ERROR_SPAWN_FAILED)))
      || (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_DBUS_ERROR))
    return g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_NO_KEYRING,
                                _("No keyring service is running. Plugboard keeps credentials "
                                  "in the desktop keyring (GNOME Keyring or KeePassXC with "
                                  "Secret Service)."));

  return g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_KEYRING,
                              _("The keyring could not read or store the credentials. Try "
                                "again; if it keeps failing, check the keyring with the "
                                "Passwords and Keys application."));
}

/* The secret, lazily */

/* The lookup found no secret: either there is no item any more, or it is in a keyring that could
 * not be unlocked (libsecret then answers nothing rather than an error). */
static void
load_secret_search_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task,
                           _pb_account_error_from_secret (error,
                                                          g_task_get_cancellable (task)));
      return;
    }

  if (items != NULL)
    {
      g_debug ("The keyring item of account %s is there but its secret cannot be read",
               self->id);
      g_list_free_full (items, g_object_unref);
      g_task_return_new_error (task, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_KEYRING_LOCKED,
                               _("The keyring is locked. Unlock it (for example by signing "
                                 "in again) and try again."));
      return;
    }

  g_debug ("No keyring item for account %s", self->id);
  g_task_return_new_error (task, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_NOT_FOUND,
                           _("The saved credentials of “%s” are missing from the keyring. "
                             "Enter them again in Preferences."),
                           pb_account_get_name (self));
}

static void
load_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccount *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, _pb_account_error_from_secret (error, cancellable));
      return;
    }

  if (secret == NULL || *secret == '\0')
    {
      secret_password_free (secret);
      secret_password_search (_pb_account_get_schema (), SECRET_SEARCH_ALL, cancellable,
                              load_secret_search_cb, g_steal_pointer (&task),
                              "account-id", self->id,
                              NULL);
      return;
    }

  /* Entered meanwhile: the new one wins. */
  if (self->secret == NULL)
    {
      gboolean had_secret = pb_account_get_has_secret (self);

      self->secret = g_strdup (secret);
      notify_has_secret (self, had_secret);
    }
  secret_password_free (secret);

  g_task_return_boolean (task, TRUE);
}

void
_pb_account_load_secret_async (PbAccount           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_ACCOUNT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _pb_account_load_secret_async);

  if (self->secret != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->saved_attributes == NULL || saved_sign_in (self) != self->sign_in)
    {
      g_task_return_new_error (task, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE,
                               self->sign_in == PB_SIGN_IN_API_KEY
                               ? _("Enter the client secret of the API key.")
                               : _("Paste an access token."));
      return;
    }

  secret_password_lookup (_pb_account_get_schema (), cancellable, load_secret_cb,
                          g_steal_pointer (&task),
                          "account-id", self->id,
                          NULL);
}

gboolean
_pb_account_load_secret_finish (PbAccount     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* PbTokenSource */

static gboolean
token_is_fresh (PbAccount *self)
{
  if (self->token == NULL)
    return FALSE;

  if (self->token_expires == 0)
    return TRUE;

  return g_get_real_time () + self->token_margin * G_USEC_PER_SEC < self->token_expires;
}

static void
complete_waiters (PbAccount    *self,
                  const char   *token,
                  const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->requesting = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (token), g_free);
    }
}

/* A sentence for the sign-in service's refusal. `detail` is what the server said, if anything
 * (never with the secret in it). */
static GError *
refused_error (PbAccount  *self,
               const char *detail)
{
  if (detail != NULL && self->secret != NULL && strstr (detail, self->secret) != NULL)
    detail = NULL;

  if (detail != NULL && *detail != '\0')
    return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                        _("The sign-in service refused the API key: “%s”. Check the client ID "
                          "and client secret in Preferences."),
                        detail);

  return g_error_new_literal (PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                             _("The sign-in service refused the API key. Check the client ID "
                               "and client secret in Preferences."));
}

/* The server's explanation in an OAuth error body ({"error", "error_description"}) or an API
 * error body ({"message"}), or NULL. */
static char *
parse_error_detail (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *root;
  const char *members[] = { "error_description", "message", "error" };
  gsize size = 0;
  const char *data;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (!pb_json_parser_load (parser, data, size, PB_JSON_CHECK_ALLOW_BOM, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (object, members[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING
          && *json_node_get_string (node) != '\0')
        return g_utf8_make_valid (json_node_get_string (node), -1);
    }

  return NULL;
}

static char *
endpoint_host (PbAccount *self)
{
  return host_of_url (self->token_endpoint);
}

static GError *
transport_error (PbAccount    *self,
                 const GError *error)
{
  g_autofree char *host = endpoint_host (self);

  g_debug ("Token request to %s failed: %s (%s, %d)",
           host, error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT,
                        _("The sign-in service at “%s” did not answer in time. Check the "
                          "network connection and try again."),
                        host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS,
                        _("The sign-in service at “%s” could not prove its identity (its "
                          "certificate is not trusted). Check the token endpoint in "
                          "Preferences."),
                        host);

  return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK,
                      _("Could not reach the sign-in service at “%s”. Check the network "
                        "connection and the token endpoint in Preferences."),
                      host);
}

/* Reads a successful answer: {"access_token", "token_type", "expires_in", "scope"}. */
static GError *
parse_token (PbAccount   *self,
             GBytes      *body,
             char       **token,
             gint64      *expires_in)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *host = endpoint_host (self);
  JsonObject *object = NULL;
  JsonNode *root;
  JsonNode *node;
  const char *data;
  gsize size = 0;

  *token = NULL;
  *expires_in = -1;

  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  if (pb_json_parser_load (parser, data, size, PB_JSON_CHECK_ALLOW_BOM, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  node = object != NULL ? json_object_get_member (object, "access_token") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || *json_node_get_string (node) == '\0')
    {
      g_debug ("The answer of the token endpoint has no access_token");
      return g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE,
                          _("The sign-in service at “%s” did not answer with an access token. "
                            "Check the token endpoint in Preferences."),
                          host);
    }

  node = json_object_get_member (object, "token_type");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING
      && g_ascii_strcasecmp (json_node_get_string (node), "bearer") != 0)
    g_debug ("Unexpected token_type “%s”; using the token as a bearer token",
             json_node_get_string (node));

  node = json_object_get_member (object, "expires_in");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        *expires_in = json_node_get_int (node);
      else if (type == G_TYPE_DOUBLE)
        /* Clamped first: 1e999 reads as infinity, which no gint64 holds. */
        *expires_in = (gint64) CLAMP (json_node_get_double (node), -1.0, (double) G_MAXINT32);
      else if (type == G_TYPE_STRING)
        *expires_in = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
    }

  *token = g_strdup (json_node_get_string (json_object_get_member (object, "access_token")));

  return NULL;
}

typedef struct
{
  PbAccount   *self;
  SoupMessage *message;
  guint        generation;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->message);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RequestData, request_data_free)

static void
token_response_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RequestData) data = user_data;
  PbAccount *self = data->self;
  g_autoptr(GError) transport = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  gint64 expires_in = -1;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &transport);
  status = soup_message_get_status (data->message);

  if (transport != NULL)
    {
      error = transport_error (self, transport);
    }
  else if (body != NULL && g_bytes_get_size (body) > MAX_TOKEN_RESPONSE_SIZE)
    {
      g_autofree char *host = endpoint_host (self);

      error = g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE,
                           _("The sign-in service at “%s” did not answer with an access "
                             "token. Check the token endpoint in Preferences."),
                           host);
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      error = parse_token (self, body, &token, &expires_in);
    }
  else
    {
      g_autofree char *detail = parse_error_detail (body);
      g_autofree char *host = endpoint_host (self);

      g_debug ("The token endpoint answered HTTP %u", status);

      if (status == 400 || status == 401 || status == 403)
        error = refused_error (self, detail);
      else if (SOUP_STATUS_IS_REDIRECTION (status))
        error = g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK,
                             _("The sign-in service at “%s” sent Plugboard to another "
                               "address. Check the token endpoint in Preferences."),
                             host);
      else if (status == 429)
        error = g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_RATE_LIMITED,
                             _("The sign-in service at “%s” is receiving too many requests. "
                               "Wait a minute and try again."),
                             host);
      else if (status >= 500)
        error = g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER,
                             _("The sign-in service at “%s” has a problem (HTTP %u). Try again "
                               "later."),
                             host, status);
      else
        error = g_error_new (PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED,
                             _("The sign-in service at “%s” refused the request (HTTP %u). "
                               "Check the token endpoint and audience in Preferences."),
                             host, status);
    }

  if (error != NULL)
    {
      complete_waiters (self, NULL, error);
      return;
    }

  g_debug ("Obtained an access token that expires in %" G_GINT64_FORMAT " s", expires_in);

  if (data->generation == self->generation)
    {
      wipe_string (&self->token);
      self->token = g_strdup (token);
      /* A lifetime beyond a year is not believed (and would overflow below). */
      expires_in = MIN (expires_in, MAX_TOKEN_LIFETIME_S);
      if (expires_in >= 0)
        {
          self->token_margin = CLAMP (expires_in / 10, 1, RENEW_MARGIN_MAX_S);
          self->token_expires = g_get_real_time () + expires_in * G_USEC_PER_SEC;
        }
      else
        {
          /* Unknown lifetime: use it until the API refuses it. */
          self->token_margin = 0;
          self->token_expires = 0;
        }
    }

  complete_waiters (self, token, NULL);
  wipe_string (&token);
}

static void
request_token (PbAccount *self)
{
  g_autoptr(SoupMessage) message = NULL;
  RequestData *data;
  char *form;

  g_assert (self->secret != NULL);

  if (self->session == NULL)
    {
      self->session = soup_session_new_with_options ("timeout", TOKEN_TIMEOUT_S,
                                                     "user-agent", "Plugboard/" PACKAGE_VERSION,
                                                     NULL);
    }

  form = soup_form_encode ("client_id", self->client_id,
                           "client_secret", self->secret,
                           "grant_type", "client_credentials",
                           "audience", self->audience,
                           NULL);
  message = soup_message_new_from_encoded_form ("POST", self->token_endpoint, form);
  if (message == NULL)
    {
      g_autoptr(GError) error = NULL;

      error = g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL,
                                   _("The token endpoint is not a web address. Correct it in "
                                     "Preferences."));
      complete_waiters (self, NULL, error);
      return;
    }

  /* The secret goes to the token endpoint and nowhere else. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");

  data = g_new0 (RequestData, 1);
  data->self = g_object_ref (self);
  data->message = g_object_ref (message);
  data->generation = self->generation;

  g_debug ("Requesting an access token from %s", self->token_endpoint);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    self->cancellable, token_response_cb, data);
}

static void
token_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_pb_account_load_secret_finish (self, result, &error))
    {
      complete_waiters (self, NULL, error);
      return;
    }

  request_token (self);
}

static void
access_token_secret_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccount *self = PB_ACCOUNT (object);
  g_autoptr(GError) error = NULL;

  if (!_pb_account_load_secret_finish (self, result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (self->secret == NULL)
    g_task_return_new_error (task, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                             _("There is no access token. Paste one in Preferences."));
  else
    g_task_return_pointer (task, g_strdup (self->secret), g_free);
}

static void
pb_account_get_token_async (PbTokenSource       *source,
                            gboolean             renew,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PbAccount *self = PB_ACCOUNT (source);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_account_get_token_async);

  if (self->sign_in == PB_SIGN_IN_ACCESS_TOKEN)
    {
      if (renew)
        {
          g_debug ("The API refused the pasted access token");
          g_task_return_new_error (task, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                                   _("The access token expired or was refused. Paste a new "
                                     "one in Preferences."));
          return;
        }

      _pb_account_load_secret_async (self, self->cancellable, access_token_secret_cb,
                                     g_steal_pointer (&task));
      return;
    }

  if (!renew && token_is_fresh (self))
    {
      g_task_return_pointer (task, g_strdup (self->token), g_free);
      return;
    }

  if (renew && !self->requesting)
    pb_account_forget_token (self);

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (self->requesting)
    return;

  self->requesting = TRUE;
  if (self->secret != NULL)
    request_token (self);
  else
    _pb_account_load_secret_async (self, self->cancellable, token_secret_cb,
                                   g_object_ref (self));
}

static char *
pb_account_get_token_finish (PbTokenSource  *source,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pb_account_token_source_init (PbTokenSourceInterface *iface)
{
  iface->get_token_async = pb_account_get_token_async;
  iface->get_token_finish = pb_account_get_token_finish;
}
