/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-account-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account-private.h"
#include "pb-account-store.h"
#include "pb-cache.h"
#include "pb-history.h"

struct _PbAccountStore
{
  GObject       parent_instance;

  GListStore   *accounts;
  PbAccount    *active;
  GSettings    *settings;
  GCancellable *cancellable;
  gboolean      loaded;
};

static void pb_account_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbAccountStore, pb_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pb_account_store_list_model_init))

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_LOADED,
  PROP_SETTINGS,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GListModel */

static GType
pb_account_store_get_item_type (GListModel *model)
{
  return PB_TYPE_ACCOUNT;
}

static guint
pb_account_store_get_n_items (GListModel *model)
{
  PbAccountStore *self = PB_ACCOUNT_STORE (model);

  return g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
}

static gpointer
pb_account_store_get_item (GListModel *model,
                           guint       position)
{
  PbAccountStore *self = PB_ACCOUNT_STORE (model);

  return g_list_model_get_item (G_LIST_MODEL (self->accounts), position);
}

static void
pb_account_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_account_store_get_item_type;
  iface->get_n_items = pb_account_store_get_n_items;
  iface->get_item = pb_account_store_get_item;
}

static void
accounts_changed_cb (PbAccountStore *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *model)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GObject */

static void
pb_account_store_dispose (GObject *object)
{
  PbAccountStore *self = (PbAccountStore *)object;

  g_cancellable_cancel (self->cancellable);
  /* Tearing the store down is not a sign-out: the list is dropped without emptying it, so
   * nobody watching it sees accounts leave. */
  g_clear_object (&self->active);

  G_OBJECT_CLASS (pb_account_store_parent_class)->dispose (object);
}

static void
pb_account_store_finalize (GObject *object)
{
  PbAccountStore *self = (PbAccountStore *)object;

  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_account_store_parent_class)->finalize (object);
}

static void
pb_account_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbAccountStore *self = PB_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_object (value, self->active);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->accounts)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbAccountStore *self = PB_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      pb_account_store_set_active (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_store_class_init (PbAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_account_store_dispose;
  object_class->finalize = pb_account_store_finalize;
  object_class->get_property = pb_account_store_get_property;
  object_class->set_property = pb_account_store_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_object ("active", NULL, NULL, PB_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An account of the store was saved (account: the one in the store, updated in place or
   * appended). Whoever uses its credentials may want to start over with them. */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_ACCOUNT);
}

static void
pb_account_store_init (PbAccountStore *self)
{
  self->accounts = g_list_store_new (PB_TYPE_ACCOUNT);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

PbAccountStore *
pb_account_store_new (GSettings *settings)
{
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (PB_TYPE_ACCOUNT_STORE, "settings", settings, NULL);
}

gboolean
pb_account_store_get_loaded (PbAccountStore *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_STORE (self), FALSE);

  return self->loaded;
}

PbAccount *
pb_account_store_get_active (PbAccountStore *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_STORE (self), NULL);

  return self->active;
}

static gboolean
find_account (PbAccountStore *self,
              const char     *id,
              guint          *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (pb_account_get_id (account), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

PbAccount *
pb_account_store_lookup (PbAccountStore *self,
                         const char     *id)
{
  guint position;
  g_autoptr(PbAccount) account = NULL;

  g_return_val_if_fail (PB_IS_ACCOUNT_STORE (self), NULL);

  if (id == NULL || !find_account (self, id, &position))
    return NULL;

  /* The list store keeps it alive. */
  account = g_list_model_get_item (G_LIST_MODEL (self->accounts), position);

  return account;
}

void
pb_account_store_set_active (PbAccountStore *self,
                             PbAccount      *account)
{
  g_return_if_fail (PB_IS_ACCOUNT_STORE (self));
  g_return_if_fail (!account || PB_IS_ACCOUNT (account));
  g_return_if_fail (!account || pb_account_store_lookup (self, pb_account_get_id (account))
                    == account);

  if (self->settings != NULL)
    {
      const char *id = account != NULL ? pb_account_get_id (account) : "";
      g_autofree char *last = g_settings_get_string (self->settings, "last-account");

      if (g_strcmp0 (last, id) != 0)
        g_settings_set_string (self->settings, "last-account", id);
    }

  if (g_set_object (&self->active, account))
    {
      g_debug ("Active account: %s", account != NULL ? pb_account_get_id (account) : "none");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
}

/* Load */

typedef struct
{
  gboolean unlock;
} LoadData;

static void search_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data);

static void
search (GTask    *task,
        gboolean  unlock)
{
  LoadData *data = g_task_get_task_data (task);
  SecretSearchFlags flags = SECRET_SEARCH_ALL;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  data->unlock = unlock;
  if (unlock)
    flags |= SECRET_SEARCH_UNLOCK;

  secret_password_searchv (_pb_account_get_schema (), attributes, flags,
                           g_task_get_cancellable (task), search_cb, task);
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  PbAccount *account_a = *(PbAccount **)a;
  PbAccount *account_b = *(PbAccount **)b;
  int res;

  res = g_utf8_collate (pb_account_get_name (account_a), pb_account_get_name (account_b));
  if (res == 0)
    res = g_strcmp0 (pb_account_get_id (account_a), pb_account_get_id (account_b));

  return res;
}

static void
apply_loaded (PbAccountStore *self,
              GPtrArray      *loaded)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PbAccount) active = NULL;
  g_autofree char *last = NULL;

  g_ptr_array_sort (loaded, compare_accounts);

  /* Keep the objects of unchanged accounts, so that a client using one keeps its token. */
  for (guint i = 0; i < loaded->len; i++)
    {
      PbAccount *account = g_ptr_array_index (loaded, i);
      PbAccount *existing = pb_account_store_lookup (self, pb_account_get_id (account));

      if (existing != NULL
          && _pb_account_attributes_equal (_pb_account_get_saved_attributes (existing),
                                           _pb_account_get_saved_attributes (account)))
        g_ptr_array_add (accounts, g_object_ref (existing));
      else
        g_ptr_array_add (accounts, g_object_ref (account));
    }

  if (self->active != NULL)
    {
      for (guint i = 0; i < accounts->len; i++)
        if (g_ptr_array_index (accounts, i) == (gpointer) self->active)
          active = g_object_ref (self->active);

      if (active == NULL)
        {
          /* Reloaded: keep the same account active (it changed in the keyring). */
          for (guint i = 0; i < accounts->len && active == NULL; i++)
            if (g_strcmp0 (pb_account_get_id (g_ptr_array_index (accounts, i)),
                           pb_account_get_id (self->active)) == 0)
              active = g_object_ref (g_ptr_array_index (accounts, i));
        }
    }

  if (active == NULL && self->settings != NULL)
    {
      last = g_settings_get_string (self->settings, "last-account");
      for (guint i = 0; i < accounts->len && active == NULL; i++)
        if (g_strcmp0 (pb_account_get_id (g_ptr_array_index (accounts, i)), last) == 0)
          active = g_object_ref (g_ptr_array_index (accounts, i));
    }

  if (active == NULL && accounts->len > 0)
    active = g_object_ref (g_ptr_array_index (accounts, 0));

  g_list_store_splice (self->accounts, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       accounts->pdata, accounts->len);

  if (active != NULL)
    {
      pb_account_store_set_active (self, active);
    }
  else if (self->active != NULL)
    {
      g_clear_object (&self->active);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccountStore *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  GList *items;
  guint n_locked = 0;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task,
                           _pb_account_error_from_secret (error,
                                                          g_task_get_cancellable (task)));
      return;
    }

  loaded = _pb_account_list_from_items (items, &n_locked);
  g_list_free_full (items, g_object_unref);

  g_debug ("Found %u accounts in the keyring (%u items locked)", loaded->len, n_locked);

  if (n_locked > 0)
    {
      if (!data->unlock)
        {
          search (g_steal_pointer (&task), TRUE);
          return;
        }

      g_task_return_error (task, _pb_account_keyring_locked_error ());
      return;
    }

  apply_loaded (self, loaded);

  g_task_return_boolean (task, TRUE);
}

void
pb_account_store_load_async (PbAccountStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_ACCOUNT_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_account_store_load_async);
  g_task_set_task_data (task, g_new0 (LoadData, 1), g_free);

  search (g_steal_pointer (&task), FALSE);
}

gboolean
pb_account_store_load_finish (PbAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Save */

typedef struct
{
  PbAccount  *account;
  GHashTable *old_attributes;
  GHashTable *new_attributes;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->account);
  g_clear_pointer (&data->old_attributes, g_hash_table_unref);
  g_clear_pointer (&data->new_attributes, g_hash_table_unref);
  g_free (data);
}

static void
save_finish_in_store (GTask *task)
{
  PbAccountStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  PbAccount *live = pb_account_store_lookup (self, pb_account_get_id (data->account));

  _pb_account_mark_saved (data->account);

  if (live != NULL && live != data->account)
    {
      _pb_account_update_from (live, data->account);
      _pb_account_mark_saved (live);
    }
  else if (live == NULL)
    {
      live = data->account;
      g_list_store_append (self->accounts, live);
      /* Saved before it becomes active: one who follows both hears of it only once. */
      g_signal_emit (self, signals[SAVED], 0, live);
      if (self->active == NULL)
        pb_account_store_set_active (self, live);
      g_task_return_pointer (task, g_object_ref (live), g_object_unref);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, live);
  g_task_return_pointer (task, g_object_ref (live), g_object_unref);
}

static void
clear_old_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The new item is saved; an older one left behind is only a duplicate that loading skips. */
  if (!_pb_account_clear_old_item_finish (result, &error))
    g_debug ("Could not remove the previous keyring item: %s", error->message);

  save_finish_in_store (task);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task,
                           _pb_account_error_from_secret (error,
                                                          g_task_get_cancellable (task)));
      return;
    }

  g_debug ("Saved account %s in the keyring", pb_account_get_id (data->account));

  if (data->old_attributes != NULL
      && !_pb_account_attributes_equal (data->old_attributes, data->new_attributes))
    {
      _pb_account_clear_old_item_async (data->old_attributes, data->new_attributes, NULL,
                                        clear_old_cb, g_steal_pointer (&task));
      return;
    }

  save_finish_in_store (task);
}

static void
save_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (!_pb_account_load_secret_finish (data->account, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  data->new_attributes = _pb_account_build_attributes (data->account);
  label = _pb_account_build_label (data->account);

  secret_password_storev (_pb_account_get_schema (), data->new_attributes,
                          SECRET_COLLECTION_DEFAULT, label,
                          _pb_account_peek_secret (data->account),
                          cancellable, store_cb, g_steal_pointer (&task));
}

void
pb_account_store_save_async (PbAccountStore      *self,
                             PbAccount           *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PbAccount *live;
  GHashTable *old_attributes;
  SaveData *data;

  g_return_if_fail (PB_IS_ACCOUNT_STORE (self));
  g_return_if_fail (PB_IS_ACCOUNT (account));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_account_store_save_async);

  if (!pb_account_validate (account, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  live = pb_account_store_lookup (self, pb_account_get_id (account));
  old_attributes = live != NULL ? _pb_account_get_saved_attributes (live) : NULL;
  if (old_attributes == NULL)
    old_attributes = _pb_account_get_saved_attributes (account);

  data = g_new0 (SaveData, 1);
  data->account = g_object_ref (account);
  data->old_attributes = old_attributes != NULL ? g_hash_table_ref (old_attributes) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  /* A saved secret that was not entered again is read back to store it with the new
   * attributes. */
  _pb_account_load_secret_async (account, cancellable, save_secret_cb, g_steal_pointer (&task));
}

PbAccount *
pb_account_store_save_finish (PbAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_autoptr(PbAccount) account = NULL;

  g_return_val_if_fail (PB_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* The store holds it. */
  account = g_task_propagate_pointer (G_TASK (result), error);

  return account;
}

/* Remove */

static void
history_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The account is gone already; what is left of its history cannot be read without it. */
  if (!pb_history_clear_finish (result, &error))
    g_warning ("Could not remove the history of a signed-out account: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
removed_from_keyring (GTask *task)
{
  PbAccountStore *self = g_task_get_source_object (task);
  PbAccount *account = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint position;

  g_debug ("Removed account %s from the keyring", pb_account_get_id (account));

  if (find_account (self, pb_account_get_id (account), &position))
    {
      g_autoptr(PbAccount) removed = g_list_model_get_item (G_LIST_MODEL (self->accounts),
                                                            position);

      g_list_store_remove (self->accounts, position);
      if (removed == self->active)
        {
          g_autoptr(PbAccount) first = g_list_model_get_item (G_LIST_MODEL (self->accounts), 0);

          pb_account_store_set_active (self, first);
        }
      pb_account_set_secret (removed, NULL);
      pb_account_forget_token (removed);
    }

  /* Signing out is the one way an account's offline copy goes, and its history. */
  if (!pb_cache_remove (pb_account_get_id (account), &error))
    g_warning ("Could not remove the offline copy of a signed-out account: %s",
               error->message);

  pb_history_clear_async (pb_account_get_id (account), NULL, history_cleared_cb,
                          g_object_ref (task));
}

/* libsecret answers "nothing removed" without an error when the items are in a keyring that
 * could not be unlocked: make sure they are really gone. */
static void
clear_check_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_pb_account_search_found_none (result, g_task_get_cancellable (task), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  removed_from_keyring (task);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccount *account = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, _pb_account_error_from_secret (error, cancellable));
      return;
    }

  secret_password_search (_pb_account_get_schema (), SECRET_SEARCH_ALL, cancellable,
                          clear_check_cb, g_steal_pointer (&task),
                          "account-id", pb_account_get_id (account),
                          NULL);
}

void
pb_account_store_remove_async (PbAccountStore      *self,
                               PbAccount           *account,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_ACCOUNT_STORE (self));
  g_return_if_fail (PB_IS_ACCOUNT (account));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_account_store_remove_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  secret_password_clear (_pb_account_get_schema (), cancellable, clear_cb,
                         g_steal_pointer (&task),
                         "account-id", pb_account_get_id (account),
                         NULL);
}

gboolean
pb_account_store_remove_finish (PbAccountStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
