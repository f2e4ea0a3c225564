/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-store"

#include "config.h"

#include "pb-cache.h"
#include "pb-connection.h"
#include "pb-connection-list.h"
#include "pb-connection-store-private.h"

/* Pages that come while the list is empty are added a few times a second: each addition makes
 * a sorted view rebuild, so adding every page at once would cost more. */
#define FLUSH_INTERVAL_MS 250

static void pb_connection_store_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbConnectionStore, pb_connection_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pb_connection_store_model_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE_ID,
  PROP_LOADING,
  PROP_ERROR,
  PROP_CACHED_AT,
  PROP_OFFLINE_COPY,
  N_PROPS
};

enum {
  VALUES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
pb_connection_store_get_item_type (GListModel *model)
{
  return PB_TYPE_CONNECTION;
}

static guint
pb_connection_store_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (PB_CONNECTION_STORE (model)->list));
}

static gpointer
pb_connection_store_get_item (GListModel *model,
                              guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (PB_CONNECTION_STORE (model)->list), position);
}

static void
pb_connection_store_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_connection_store_get_item_type;
  iface->get_n_items = pb_connection_store_get_n_items;
  iface->get_item = pb_connection_store_get_item;
}

/* The connections from `position` on, `n` of them, with fields Plugboard cannot read. */
static guint
count_unreadable (PbConnectionStore *self,
                  guint              position,
                  guint              n)
{
  guint count = 0;

  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      count += pb_connection_has_unreadable_fields (connection);
    }

  return count;
}

void
_pb_connection_store_emit_values_changed (PbConnectionStore *self)
{
  /* Objects kept may have gained or lost odd fields. */
  self->n_unreadable = count_unreadable (self, 0,
                                         g_list_model_get_n_items (G_LIST_MODEL (self->list)));
  g_signal_emit (self, signals[VALUES_CHANGED], 0);
}

static void
list_items_changed_cb (PbConnectionStore *self,
                       guint              position,
                       guint              removed,
                       guint              added)
{
  /* Pages only add; what replaces or removes counts again (once a refresh, or a reload). */
  if (removed == 0)
    self->n_unreadable += count_unreadable (self, position, added);
  else
    self->n_unreadable = count_unreadable (self, 0,
                                           g_list_model_get_n_items (G_LIST_MODEL (self->list)));
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static guint
pb_connection_store_n_items (PbConnectionStore *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->list));
}

static void
pb_connection_store_set_error (PbConnectionStore *self,
                               const GError      *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
pb_connection_store_set_cached_at (PbConnectionStore *self,
                                   GDateTime         *cached_at)
{
  gboolean was_offline = self->cached_at != NULL;

  if (self->cached_at == cached_at)
    return;

  g_clear_pointer (&self->cached_at, g_date_time_unref);
  self->cached_at = cached_at ? g_date_time_ref (cached_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHED_AT]);
  if (was_offline != (cached_at != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_COPY]);
}

static void
pb_connection_store_set_loading (PbConnectionStore *self,
                                 GTask             *refresh_task,
                                 guint              n_reloads)
{
  gboolean was_loading = pb_connection_store_get_loading (self);

  self->refresh_task = refresh_task;
  self->n_reloads = n_reloads;
  if (was_loading != pb_connection_store_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
pb_connection_store_flush_pending (PbConnectionStore *self)
{
  g_clear_handle_id (&self->flush_source, g_source_remove);

  if (self->pending->len == 0)
    return;

  pb_connection_list_append (self->list, self->pending);
  g_ptr_array_set_size (self->pending, 0);
}

static gboolean
pb_connection_store_flush_timeout (gpointer user_data)
{
  PbConnectionStore *self = user_data;

  self->flush_source = 0;
  pb_connection_store_flush_pending (self);

  return G_SOURCE_REMOVE;
}

static void
pb_connection_store_drop_pending (PbConnectionStore *self)
{
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);
}

/* Stops the refresh under way without saying so yet: its task finishes as cancelled once the
 * client gives up. */
static void
pb_connection_store_stop_refresh (PbConnectionStore *self)
{
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  pb_connection_store_drop_pending (self);
  self->show_pages_as_they_come = FALSE;
}

/* What a refresh keeps beside its task. */
typedef struct
{
  gboolean  reading_copy; /* the offline copy is still being read */
  GError   *failure;      /* the list's failure, told once the copy was read */
} RefreshData;

static void
refresh_data_free (gpointer data)
{
  RefreshData *refresh = data;

  g_clear_error (&refresh->failure);
  g_free (refresh);
}

static void
pb_connection_store_fail (PbConnectionStore *self,
                          GTask             *task,
                          GError            *error)
{
  g_debug ("Loading the connections failed: %s", error->message);
  pb_connection_store_set_error (self, error);
  pb_connection_store_set_loading (self, NULL, self->n_reloads);
  g_task_return_error (task, error);
}

static void
pb_connection_store_cache_loaded_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbConnectionStore *self = g_task_get_source_object (task);
  RefreshData *refresh = g_task_get_task_data (task);
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autoptr(GError) error = NULL;

  refresh->reading_copy = FALSE;
  connections = pb_cache_load_finish (result, &saved_at, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The offline copy could not be read: %s", error->message);
    }
  /* Only while nothing newer is shown and the list is still loading, or failed first. */
  else if (self->refresh_task == task &&
           (self->show_pages_as_they_come || refresh->failure != NULL) &&
           pb_connection_store_n_items (self) == 0 && connections->len > 0)
    {
      self->show_pages_as_they_come = FALSE;
      pb_connection_store_set_cached_at (self, saved_at);
      pb_connection_list_append (self->list, connections);
    }

  if (refresh->failure == NULL)
    return;
  if (self->refresh_task != task)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "A newer refresh replaced this one");
  else
    pb_connection_store_fail (self, task, g_steal_pointer (&refresh->failure));
}

static void
pb_connection_store_page_cb (GPtrArray *page,
                             gpointer   user_data)
{
  GTask *task = user_data;
  PbConnectionStore *self = g_task_get_source_object (task);

  if (self->refresh_task != task || !self->show_pages_as_they_come || page->len == 0)
    return;

  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (page, i)));

  /* The first rows at once; the rest a few times a second. */
  if (pb_connection_store_n_items (self) == 0)
    pb_connection_store_flush_pending (self);
  else if (self->flush_source == 0)
    self->flush_source = g_timeout_add (FLUSH_INTERVAL_MS, pb_connection_store_flush_timeout,
                                        self);
}

static void
pb_connection_store_list_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbConnectionStore *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GError) error = NULL;
  gboolean shown_as_they_came;

  connections = pb_client_list_connections_finish (PB_CLIENT (object), result, &error);
  if (self->refresh_task != task)
    {
      /* A newer refresh, a cancel or another client took its place. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "A newer refresh replaced this one");
      return;
    }

  shown_as_they_came = self->show_pages_as_they_come;
  self->show_pages_as_they_come = FALSE;
  /* What came before a failure stays shown, too. */
  pb_connection_store_flush_pending (self);

  if (error != NULL)
    {
      RefreshData *refresh = g_task_get_task_data (task);

      /* A server that is gone can answer before the disk: the offline copy is shown first. */
      if (refresh->reading_copy && pb_connection_store_n_items (self) == 0)
        refresh->failure = g_steal_pointer (&error);
      else
        pb_connection_store_fail (self, task, g_steal_pointer (&error));
      return;
    }

  pb_connection_store_set_cached_at (self, NULL);
  self->list_complete = TRUE;

  pb_connection_store_set_loading (self, NULL, self->n_reloads);

  /* Pages shown as they came are already the whole list: merging it again would only cost
   * time (a quarter of a second for 50,000). */
  if (!shown_as_they_came)
    {
      pb_connection_list_replace_all (self->list, connections);
      /* Values of kept objects may have changed. */
      _pb_connection_store_emit_values_changed (self);
    }

  _pb_connection_store_save_offline_copy (self);
  g_task_return_boolean (task, TRUE);
}

void
pb_connection_store_refresh_async (PbConnectionStore   *self,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_CONNECTION_STORE (self));

  /* Cancel and replace: "loading" stays TRUE. */
  pb_connection_store_stop_refresh (self);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, pb_connection_store_refresh_async);
  g_task_set_task_data (task, g_new0 (RefreshData, 1), refresh_data_free);

  if (self->client == NULL)
    {
      pb_connection_store_set_loading (self, NULL, self->n_reloads);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "There is no account to load connections from");
      return;
    }

  self->refresh_cancellable = g_cancellable_new ();
  self->show_pages_as_they_come = pb_connection_store_n_items (self) == 0;
  pb_connection_store_set_error (self, NULL);
  pb_connection_store_set_loading (self, task, self->n_reloads);

  if (self->show_pages_as_they_come && self->cache_id != NULL)
    {
      ((RefreshData *) g_task_get_task_data (task))->reading_copy = TRUE;
      pb_cache_load_async (self->cache_id, pb_client_get_base_url (self->client),
                           self->refresh_cancellable,
                           pb_connection_store_cache_loaded_cb, g_object_ref (task));
    }

  pb_client_list_connections_async (self->client,
                                    pb_connection_store_page_cb, g_object_ref (task),
                                    g_object_unref,
                                    self->refresh_cancellable,
                                    pb_connection_store_list_cb, g_object_ref (task));
}

gboolean
pb_connection_store_refresh_finish (PbConnectionStore  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_connection_store_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pb_connection_store_cancel (PbConnectionStore *self)
{
  g_return_if_fail (PB_IS_CONNECTION_STORE (self));

  pb_connection_store_stop_refresh (self);
  pb_connection_store_set_loading (self, NULL, self->n_reloads);
}

typedef struct
{
  guint generation;
} Reload;

static void
pb_connection_store_reload_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbConnectionStore *self = g_task_get_source_object (task);
  Reload *reload = g_task_get_task_data (task);
  g_autoptr(PbConnection) connection = NULL;
  GError *error = NULL;

  connection = pb_client_get_connection_finish (PB_CLIENT (object), result, &error);
  pb_connection_store_set_loading (self, self->refresh_task, self->n_reloads - 1);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (reload->generation != self->generation)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The store has another client now");
      return;
    }

  g_task_return_pointer (task,
                         g_object_ref (pb_connection_list_update (self->list, connection)),
                         g_object_unref);
  _pb_connection_store_emit_values_changed (self);
}

void
pb_connection_store_reload_async (PbConnectionStore   *self,
                                  const char          *ref,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Reload *reload;

  g_return_if_fail (PB_IS_CONNECTION_STORE (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_connection_store_reload_async);

  if (self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "There is no account to load connections from");
      return;
    }

  reload = g_new0 (Reload, 1);
  reload->generation = self->generation;
  g_task_set_task_data (task, reload, g_free);
  pb_connection_store_set_loading (self, self->refresh_task, self->n_reloads + 1);
  pb_client_get_connection_async (self->client, ref, cancellable,
                                  pb_connection_store_reload_cb, g_steal_pointer (&task));
}

PbConnection *
pb_connection_store_reload_finish (PbConnectionStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_connection_store_reload_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PbConnectionStore *
pb_connection_store_new (PbClient   *client,
                         const char *cache_id)
{
  g_return_val_if_fail (!client || PB_IS_CLIENT (client), NULL);

  return g_object_new (PB_TYPE_CONNECTION_STORE,
                       "client", client,
                       "cache-id", cache_id,
                       NULL);
}

PbClient *
pb_connection_store_get_client (PbConnectionStore *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), NULL);

  return self->client;
}

void
pb_connection_store_set_client (PbConnectionStore *self,
                                PbClient          *client)
{
  g_return_if_fail (PB_IS_CONNECTION_STORE (self));
  g_return_if_fail (!client || PB_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* Another source: nothing of the old one may stay. */
  self->generation++;
  self->list_complete = FALSE;
  pb_connection_store_cancel (self);
  pb_connection_list_clear (self->list);
  pb_connection_store_set_cached_at (self, NULL);
  pb_connection_store_set_error (self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const char *
pb_connection_store_get_cache_id (PbConnectionStore *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), NULL);

  return self->cache_id;
}

void
pb_connection_store_set_cache_id (PbConnectionStore *self,
                                  const char        *cache_id)
{
  g_return_if_fail (PB_IS_CONNECTION_STORE (self));

  if (g_strcmp0 (self->cache_id, cache_id) == 0)
    return;

  g_free (self->cache_id);
  self->cache_id = g_strdup (cache_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_ID]);
}

gboolean
pb_connection_store_get_loading (PbConnectionStore *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), FALSE);

  return self->refresh_task != NULL || self->n_reloads > 0;
}

const GError *
pb_connection_store_get_error (PbConnectionStore *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), NULL);

  return self->error;
}

GDateTime *
pb_connection_store_get_cached_at (PbConnectionStore *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), NULL);

  return self->cached_at;
}

gboolean
pb_connection_store_get_offline_copy (PbConnectionStore *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), FALSE);

  return self->cached_at != NULL;
}

guint
pb_connection_store_count_unreadable (PbConnectionStore *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), 0);

  return self->n_unreadable;
}

static void
pb_connection_store_dispose (GObject *object)
{
  PbConnectionStore *self = (PbConnectionStore *)object;

  pb_connection_store_cancel (self);

  G_OBJECT_CLASS (pb_connection_store_parent_class)->dispose (object);
}

static void
pb_connection_store_finalize (GObject *object)
{
  PbConnectionStore *self = (PbConnectionStore *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->cache_id, g_free);
  g_clear_object (&self->list);
  g_clear_error (&self->error);
  g_clear_pointer (&self->cached_at, g_date_time_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_connection_store_parent_class)->finalize (object);
}

static void
pb_connection_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PbConnectionStore *self = PB_CONNECTION_STORE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CACHE_ID:
      g_value_set_string (value, self->cache_id);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, pb_connection_store_get_loading (self));
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_CACHED_AT:
      g_value_set_boxed (value, self->cached_at);
      break;

    case PROP_OFFLINE_COPY:
      g_value_set_boolean (value, self->cached_at != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PbConnectionStore *self = PB_CONNECTION_STORE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      pb_connection_store_set_client (self, g_value_get_object (value));
      break;

    case PROP_CACHE_ID:
      pb_connection_store_set_cache_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_store_class_init (PbConnectionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_connection_store_dispose;
  object_class->finalize = pb_connection_store_finalize;
  object_class->get_property = pb_connection_store_get_property;
  object_class->set_property = pb_connection_store_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PB_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The account whose offline copy is shown while loading and kept after (see pb-cache.h). */
  properties[PROP_CACHE_ID] =
    g_param_spec_string ("cache-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CACHED_AT] =
    g_param_spec_boxed ("cached-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OFFLINE_COPY] =
    g_param_spec_boolean ("offline-copy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Connections already in the list changed in place (a refresh merged a complete list into
   * the one shown, or a reload): filters and sorters that look at their values look again. */
  signals[VALUES_CHANGED] =
    g_signal_new ("values-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pb_connection_store_init (PbConnectionStore *self)
{
  self->list = pb_connection_list_new ();
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (list_items_changed_cb), self, G_CONNECT_SWAPPED);
}
