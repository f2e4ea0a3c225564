/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account-private.h"

/* An account in the keyring: one item of the schema below per account, whose attributes hold
 * the settings and whose secret is the client secret or the access token. The secret is read
 * only when a token is needed. */


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
      { "production", SECRET_SCHEMA_ATTRIBUTE_STRING },
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
                       "sign-in", _pb_sign_in_from_nick (sign_in),
                       "client-id", g_hash_table_lookup (attributes, "client-id"),
                       "token-endpoint", g_hash_table_lookup (attributes, "token-endpoint"),
                       "audience", g_hash_table_lookup (attributes, "audience"),
                       "production", g_strcmp0 (g_hash_table_lookup (attributes, "production"),
                                                "true") == 0,
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
                       g_strdup (_pb_sign_in_to_nick (self->sign_in)));
  g_hash_table_insert (attributes, g_strdup ("client-id"),
                       g_strdup (self->sign_in == PB_SIGN_IN_API_KEY ? self->client_id : ""));
  g_hash_table_insert (attributes, g_strdup ("token-endpoint"), g_strdup (self->token_endpoint));
  g_hash_table_insert (attributes, g_strdup ("audience"), g_strdup (self->audience));
  /* Only when set: an account saved before it existed keeps the same attributes. */
  if (self->production)
    g_hash_table_insert (attributes, g_strdup ("production"), g_strdup ("true"));

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

GError *
_pb_account_keyring_locked_error (void)
{
  return g_error_new_literal (PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_KEYRING_LOCKED,
                              _("The keyring is locked. Unlock it (for example by signing "
                                "in again) and try again."));
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
      return _pb_account_keyring_locked_error ();
    }

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return _pb_account_keyring_locked_error ();

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

gboolean
_pb_account_search_found_none (GAsyncResult  *result,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, _pb_account_error_from_secret (local_error, cancellable));
      return FALSE;
    }

  if (items != NULL)
    {
      g_debug ("%u keyring items are there but cannot be read", g_list_length (items));
      g_list_free_full (items, g_object_unref);
      g_propagate_error (error, _pb_account_keyring_locked_error ());
      return FALSE;
    }

  return TRUE;
}

/* The lookup found no secret: either there is no item any more, or it is in a keyring that could
 * not be unlocked (libsecret then answers nothing rather than an error). */
static void
load_secret_search_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccount *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!_pb_account_search_found_none (result, g_task_get_cancellable (task), &error))
    {
      g_task_return_error (task, error);
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

  /* An address changed meanwhile: the saved secret does not follow it. */
  if (self->secret == NULL && _pb_account_address_changed (self))
    {
      secret_password_free (secret);
      g_task_return_error (task, _pb_account_address_changed_error (self));
      return;
    }

  /* Entered meanwhile: the new one wins. */
  if (self->secret == NULL)
    {
      gboolean had_secret = pb_account_get_has_secret (self);

      self->secret = g_strdup (secret);
      self->secret_entered = FALSE;
      _pb_account_notify_has_secret (self, had_secret);
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

  /* Not even read: the saved secret never follows a changed address. */
  if (_pb_account_address_changed (self))
    {
      g_task_return_error (task, _pb_account_address_changed_error (self));
      return;
    }

  if (self->saved_attributes == NULL || _pb_account_get_saved_sign_in (self) != self->sign_in)
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

gboolean
_pb_account_attributes_equal (GHashTable *a,
                              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL)
    return a == b;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Removing the item saved before */

/* Whether every attribute of `part` is in `whole`, with the same value. */
static gboolean
attributes_within (GHashTable *part,
                   GHashTable *whole)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, part);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (whole, key)) != 0)
      return FALSE;

  return TRUE;
}

typedef struct
{
  GHashTable *new_attributes;
  GList      *items; /* SecretItem, to delete one after another */
} ClearOldData;

static void
clear_old_data_free (ClearOldData *data)
{
  g_hash_table_unref (data->new_attributes);
  g_list_free_full (data->items, g_object_unref);
  g_free (data);
}

static void delete_next_item (GTask *task);

static void
delete_item_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (object), result, &error))
    {
      g_task_return_error (task, _pb_account_error_from_secret (error,
                                                                g_task_get_cancellable (task)));
      return;
    }

  delete_next_item (g_steal_pointer (&task));
}

static void
delete_next_item (GTask *task)
{
  ClearOldData *data = g_task_get_task_data (task);
  g_autoptr(SecretItem) item = NULL;

  if (data->items == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  item = data->items->data;
  data->items = g_list_delete_link (data->items, data->items);
  secret_item_delete (item, g_task_get_cancellable (task), delete_item_cb, task);
}

static void
search_old_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  ClearOldData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, _pb_account_error_from_secret (error,
                                                                g_task_get_cancellable (task)));
      g_object_unref (task);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);

      g_hash_table_remove (attributes, "xdg:schema");
      /* Items of a backend without deletion by item (the file backend) stay: loading takes
       * the newest of several items of one account. */
      if (SECRET_IS_ITEM (l->data) && !_pb_account_attributes_equal (attributes,
                                                                     data->new_attributes))
        data->items = g_list_prepend (data->items, g_object_ref (l->data));
    }
  g_list_free_full (items, g_object_unref);

  delete_next_item (task);
}

static void
clearv_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, _pb_account_error_from_secret (error,
                                                              g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

void
_pb_account_clear_old_item_async (GHashTable          *old_attributes,
                                  GHashTable          *new_attributes,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ClearOldData *data;

  g_return_if_fail (old_attributes != NULL);
  g_return_if_fail (new_attributes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _pb_account_clear_old_item_async);

  /* All of the old item's attributes: this cannot match the item just stored. */
  if (!attributes_within (old_attributes, new_attributes))
    {
      secret_password_clearv (_pb_account_get_schema (), old_attributes, cancellable,
                              clearv_cb, g_steal_pointer (&task));
      return;
    }

  data = g_new0 (ClearOldData, 1);
  data->new_attributes = g_hash_table_ref (new_attributes);
  g_task_set_task_data (task, data, (GDestroyNotify) clear_old_data_free);
  secret_password_searchv (_pb_account_get_schema (), old_attributes, SECRET_SEARCH_ALL,
                           cancellable, search_old_cb, g_steal_pointer (&task));
}

gboolean
_pb_account_clear_old_item_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
_pb_account_list_from_items (GList *items,
                             guint *n_locked)
{
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *accounts;
  GHashTableIter iter;
  gpointer value;

  *n_locked = 0;

  /* Several items for one account (left by a save that could not remove the older one): the
   * newest wins. */
  by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
      g_autoptr(PbAccount) account = NULL;
      PbAccount *other;

      if (SECRET_IS_ITEM (item) && secret_item_get_locked (SECRET_ITEM (item))
          && (attributes == NULL || g_hash_table_lookup (attributes, "account-id") == NULL))
        {
          (*n_locked)++;
          continue;
        }

      account = attributes != NULL ? _pb_account_new_from_attributes (attributes) : NULL;
      if (account == NULL)
        {
          g_debug ("Skipping a keyring item that does not describe a whole account");
          continue;
        }

      g_object_set_data (G_OBJECT (account), "pb-modified",
                         GSIZE_TO_POINTER ((gsize) secret_retrievable_get_modified (item)));
      other = g_hash_table_lookup (by_id, pb_account_get_id (account));
      if (other != NULL
          && GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (other), "pb-modified"))
             >= GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (account), "pb-modified")))
        continue;

      /* The key is the account's own id: it lives as long as the value. */
      g_hash_table_replace (by_id, (gpointer) pb_account_get_id (account),
                            g_object_ref (account));
    }

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (accounts, g_object_ref (value));

  return accounts;
}
