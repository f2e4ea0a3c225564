/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-history"

#include "config.h"

#include <string.h>

#include "pb-account-private.h"
#include "pb-history-private.h"

/* The key of an account's history: 32 random bytes, base64 in the keyring (one item of the
 * schema below per account), made at the first write. The keyring talks as the accounts' does
 * (pb-account-keyring.c): the same errors, and the same check that "nothing found" is not a
 * keyring that could not be unlocked. Never logged. */

const SecretSchema *
_pb_history_key_get_schema (void)
{
  static const SecretSchema schema = {
    PB_HISTORY_KEY_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

typedef struct
{
  char         *account_id;
  gboolean      create;
  PbHistoryKey *key; /* the new one, while it is stored */
} GetData;

static void
get_data_free (GetData *data)
{
  g_free (data->account_id);
  _pb_history_key_free (data->key);
  g_free (data);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GetData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, _pb_account_error_from_secret (error,
                                                                g_task_get_cancellable (task)));
      return;
    }

  g_debug ("Made a history key for account %s", data->account_id);
  g_task_return_pointer (task, g_steal_pointer (&data->key),
                         (GDestroyNotify) _pb_history_key_free);
}

/* The lookup found nothing: no key, or one in a keyring that could not be unlocked. */
static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GetData *data = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (!_pb_account_search_found_none (result, g_task_get_cancellable (task), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!data->create)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  data->key = _pb_history_key_new_random ();
  text = _pb_history_key_to_text (data->key);
  label = g_strdup_printf ("Plugboard: history key (%s)", data->account_id);
  secret_password_store (_pb_history_key_get_schema (), SECRET_COLLECTION_DEFAULT, label, text,
                         g_task_get_cancellable (task), store_cb, g_object_ref (task),
                         "account", data->account_id,
                         NULL);
  _pb_history_wipe (text, strlen (text));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GetData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  PbHistoryKey *key;
  char *text;

  text = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, _pb_account_error_from_secret (error, cancellable));
      return;
    }

  if (text == NULL || *text == '\0')
    {
      secret_password_free (text);
      secret_password_search (_pb_history_key_get_schema (), SECRET_SEARCH_ALL, cancellable,
                              search_cb, g_steal_pointer (&task),
                              "account", data->account_id,
                              NULL);
      return;
    }

  key = _pb_history_key_from_text (text);
  secret_password_free (text);
  if (key == NULL)
    {
      /* Not one of ours: whatever it encrypted cannot be read, and it is not replaced
       * silently either. */
      g_task_return_error (task, _pb_history_unreadable_error ("the key is not 32 bytes"));
      return;
    }

  g_task_return_pointer (task, key, (GDestroyNotify) _pb_history_key_free);
}

void
_pb_history_key_get_async (const char          *account_id,
                           gboolean             create,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GetData *data;

  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _pb_history_key_get_async);
  data = g_new0 (GetData, 1);
  data->account_id = g_strdup (account_id);
  data->create = create;
  g_task_set_task_data (task, data, (GDestroyNotify) get_data_free);

  secret_password_lookup (_pb_history_key_get_schema (), cancellable, lookup_cb,
                          g_steal_pointer (&task),
                          "account", account_id,
                          NULL);
}

PbHistoryKey *
_pb_history_key_get_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* libsecret answers "nothing removed" without an error when the item is in a keyring that
 * could not be unlocked: make sure it is really gone. */
static void
clear_check_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_pb_account_search_found_none (result, g_task_get_cancellable (task), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, _pb_account_error_from_secret (error, cancellable));
      return;
    }

  secret_password_search (_pb_history_key_get_schema (), SECRET_SEARCH_ALL, cancellable,
                          clear_check_cb, g_steal_pointer (&task),
                          "account", g_task_get_task_data (task),
                          NULL);
}

void
_pb_history_key_clear_async (const char          *account_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _pb_history_key_clear_async);
  g_task_set_task_data (task, g_strdup (account_id), g_free);

  secret_password_clear (_pb_history_key_get_schema (), cancellable, clear_cb,
                         g_steal_pointer (&task),
                         "account", account_id,
                         NULL);
}

gboolean
_pb_history_key_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
