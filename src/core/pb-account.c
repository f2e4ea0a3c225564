/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account-private.h"

/* An account: its settings as properties, and whether its secret is known. The other sides of
 * PbAccount: pb-account-url.c (regions and addresses), pb-account-keyring.c (the keyring),
 * pb-account-token.c (the PbTokenSource, minting with pb-oauth-token.c). */

G_DEFINE_QUARK (pb-account-error-quark, pb_account_error)

G_DEFINE_ENUM_TYPE (PbSignIn, pb_sign_in,
  G_DEFINE_ENUM_VALUE (PB_SIGN_IN_API_KEY, "api-key"),
  G_DEFINE_ENUM_VALUE (PB_SIGN_IN_ACCESS_TOKEN, "access-token"))

G_DEFINE_FINAL_TYPE_WITH_CODE (PbAccount, pb_account, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_TOKEN_SOURCE,
                                                      _pb_account_token_source_init))

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
  PROP_PRODUCTION,
  PROP_HAS_SECRET,
  PROP_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_pb_account_wipe_string (char **str)
{
  if (*str != NULL)
    {
      secret_password_wipe (*str);
      g_clear_pointer (str, g_free);
    }
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
  _pb_account_wipe_string (&self->secret);
  _pb_account_wipe_string (&self->token);
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
    case PROP_PRODUCTION:
      g_value_set_boolean (value, self->production);
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
    case PROP_PRODUCTION:
      pb_account_set_production (self, g_value_get_boolean (value));
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
  properties[PROP_PRODUCTION] =
    g_param_spec_boolean ("production", NULL, NULL, FALSE,
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
  self->base_url = g_strdup (pb_region_get_base_url (PB_REGION_EUROPE));
  self->host = _pb_account_host_of_url (self->base_url);
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

/* Whether two URLs have the same host and port. */
static gboolean
same_host (const char *a,
           const char *b)
{
  g_autofree char *host_a = _pb_account_host_of_url (a != NULL ? a : "");
  g_autofree char *host_b = _pb_account_host_of_url (b != NULL ? b : "");

  return g_ascii_strcasecmp (host_a, host_b) == 0;
}

gboolean
_pb_account_address_changed (PbAccount *self)
{
  const char *saved_endpoint;

  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  if (self->saved_attributes == NULL)
    return FALSE;

  if (!same_host (g_hash_table_lookup (self->saved_attributes, "base-url"), self->base_url))
    return TRUE;

  if (self->sign_in != PB_SIGN_IN_API_KEY)
    return FALSE;

  /* The client secret goes to the token endpoint (a pasted token never does); an item saved
   * without one meant the default, as loading reads it. */
  saved_endpoint = g_hash_table_lookup (self->saved_attributes, "token-endpoint");
  if (saved_endpoint == NULL || *saved_endpoint == '\0')
    saved_endpoint = PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT;

  return !same_host (saved_endpoint, self->token_endpoint);
}

GError *
_pb_account_address_changed_error (PbAccount *self)
{
  if (self->sign_in == PB_SIGN_IN_API_KEY)
    return g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_ADDRESS_CHANGED,
                                _("The server address or token endpoint is not the one the "
                                  "client secret was saved for. Enter the client secret again "
                                  "to use it there."));

  return g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_ADDRESS_CHANGED,
                              _("The server address is not the one the access token was "
                                "saved for. Paste the access token again to use it there."));
}

/* A secret read from the keyring stays with the address it was saved for: once a host
 * changes, it is forgotten (with the tokens minted with it) and must be entered again. */
static void
drop_secret_if_address_changed (PbAccount *self)
{
  if (self->secret == NULL || self->secret_entered || !_pb_account_address_changed (self))
    return;

  g_debug ("Account %s: an address changed, the saved secret is not used for it", self->id);
  _pb_account_wipe_string (&self->secret);
  pb_account_forget_token (self);
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
  gboolean had_secret;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  normalized = pb_account_normalize_url (base_url);
  had_secret = pb_account_get_has_secret (self);
  if (!set_string (&self->base_url, normalized))
    return;

  name_was_host = *self->name == '\0';
  host = _pb_account_host_of_url (self->base_url);
  g_object_freeze_notify (G_OBJECT (self));
  drop_secret_if_address_changed (self);
  _pb_account_notify_has_secret (self, had_secret);
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

PbSignIn
_pb_sign_in_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "access-token") == 0)
    return PB_SIGN_IN_ACCESS_TOKEN;

  return PB_SIGN_IN_API_KEY;
}

const char *
_pb_sign_in_to_nick (PbSignIn sign_in)
{
  return sign_in == PB_SIGN_IN_ACCESS_TOKEN ? "access-token" : "api-key";
}

void
pb_account_forget_token (PbAccount *self)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  self->generation++;
  _pb_account_wipe_string (&self->token);
  self->token_expires = 0;
}

void
_pb_account_notify_has_secret (PbAccount *self,
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
  drop_secret_if_address_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN]);
  _pb_account_notify_has_secret (self, had_secret);
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
  gboolean had_secret;

  g_return_if_fail (PB_IS_ACCOUNT (self));

  stripped = g_strstrip (g_strdup (token_endpoint != NULL ? token_endpoint : ""));
  had_secret = pb_account_get_has_secret (self);
  if (set_string (&self->token_endpoint,
                  *stripped != '\0' ? stripped : PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT))
    {
      pb_account_forget_token (self);
      drop_secret_if_address_changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_ENDPOINT]);
      _pb_account_notify_has_secret (self, had_secret);
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

gboolean
pb_account_get_production (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  return self->production;
}

void
pb_account_set_production (PbAccount *self,
                           gboolean   production)
{
  g_return_if_fail (PB_IS_ACCOUNT (self));

  production = !!production;
  if (self->production == production)
    return;

  self->production = production;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCTION]);
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
  _pb_account_wipe_string (&self->secret);
  self->secret = g_strdup (secret);
  self->secret_entered = self->secret != NULL;
  pb_account_forget_token (self);
  _pb_account_notify_has_secret (self, had_secret);
}

PbSignIn
_pb_account_get_saved_sign_in (PbAccount *self)
{
  g_assert (self->saved_attributes != NULL);

  return _pb_sign_in_from_nick (g_hash_table_lookup (self->saved_attributes, "sign-in"));
}

gboolean
pb_account_get_has_secret (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  if (self->secret != NULL)
    return TRUE;

  /* The saved secret is only of use for the same kind of sign-in, at the same address. */
  return self->saved_attributes != NULL && _pb_account_get_saved_sign_in (self) == self->sign_in
         && !_pb_account_address_changed (self);
}

gboolean
pb_account_get_address_changed (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), FALSE);

  return _pb_account_address_changed (self);
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

  if (self->secret == NULL && _pb_account_address_changed (self))
    {
      g_propagate_error (error, _pb_account_address_changed_error (self));
      return FALSE;
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
  /* What is in memory is now the saved secret, for these addresses. */
  self->secret_entered = FALSE;
  if (*self->name == '\0')
    set_string (&self->name, self->host);
  if (!was_saved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
  _pb_account_notify_has_secret (self, had_secret);
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
  pb_account_set_production (self, other->production);
  if (other->secret != NULL)
    {
      pb_account_set_secret (self, other->secret);
      self->secret_entered = other->secret_entered;
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
_pb_account_peek_secret (PbAccount *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT (self), NULL);

  return self->secret;
}
