/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-history"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pb-history-private.h"
#include "pb-json.h"
#include "pb-private-file.h"

/* The history of an account: the sealed file (pb-history-crypt.c) holds, once opened,
 *   {"entries": [{"ref", "name", "revision", "replacedAt", "reason", "json"}, …]}
 * newest first, where "json" is the connection's text as received, kept as a string so that
 * nothing of it changes (numbers stay exactly as written). Reading, changing and writing the
 * file run on a worker thread; the key comes from the keyring first (pb-history-key.c). The
 * calls run one after another (a queue), so that two writes never make two keys, nor lose
 * each other's entry. */

G_DEFINE_QUARK (pb-history-error-quark, pb_history_error)

/* {{{ The document */

static char *
get_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "plugboard", NULL);
}

static char *
get_path (const char *account_id)
{
  g_autofree char *folder = get_folder ();
  g_autofree char *safe = pb_private_file_reduce_id (account_id);
  g_autofree char *name = g_strconcat ("history-", safe, NULL);

  return g_build_filename (folder, name, NULL);
}

/* The entries of the opened document, newest first; NULL when it is not one of ours. */
static GPtrArray *
parse_document (const char *plain,
                gsize       length,
                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  if (!pb_json_parser_load (parser, plain, length, PB_JSON_CHECK_DEFAULT, &local_error))
    {
      g_propagate_error (error, _pb_history_unreadable_error (local_error->message));
      return NULL;
    }

  root = json_parser_get_root (parser);
  array = pb_json_object_get_array (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root)
                                                                  : NULL,
                                    "entries");
  if (array == NULL)
    {
      g_propagate_error (error, _pb_history_unreadable_error ("no entries"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PbHistoryEntry *entry = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        entry = _pb_history_entry_new_from_json (json_node_get_object (node));
      if (entry == NULL)
        {
          g_autofree char *detail = g_strdup_printf ("entries[%u] is not an entry", i);

          g_propagate_error (error, _pb_history_unreadable_error (detail));
          return NULL;
        }
      g_ptr_array_add (entries, entry);
    }

  return g_steal_pointer (&entries);
}

/* The entries of the file (none when there is no file yet), or NULL with an error. `key`
 * NULL: the keyring has no key for it. */
static GPtrArray *
read_entries (const char          *path,
              const char          *account_id,
              const PbHistoryKey  *key,
              GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GMappedFile) file = NULL;
  GPtrArray *entries;
  char *plain;
  gsize length = 0;

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_ptr_array_new_with_free_func (g_object_unref);

      g_debug ("Cannot read %s: %s", path, local_error->message);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The history of changes cannot be read: %s"), local_error->message);
      return NULL;
    }

  if (key == NULL)
    {
      g_propagate_error (error, _pb_history_unreadable_error ("its key is not in the keyring"));
      return NULL;
    }

  sealed = g_mapped_file_get_bytes (file);
  plain = _pb_history_open (key, account_id, sealed, &length, error);
  if (plain == NULL)
    return NULL;

  entries = parse_document (plain, length, error);
  _pb_history_wipe (plain, length);
  g_free (plain);

  return entries;
}

static gboolean
write_entries (const char    *path,
               const char    *account_id,
               PbHistoryKey  *key,
               GPtrArray     *entries,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  char *plain;
  gsize length = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    _pb_history_entry_build_json (builder, g_ptr_array_index (entries, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  plain = json_generator_to_data (generator, &length);
  sealed = _pb_history_seal (key, account_id, plain, length, error);
  _pb_history_wipe (plain, length);
  g_free (plain);
  if (sealed == NULL)
    return FALSE;

  folder = g_path_get_dirname (path);
  if (!pb_private_file_ensure_folder (folder, &local_error)
      || !pb_private_file_write (path, sealed, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("The history of changes cannot be saved: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* }}} */
/* {{{ One call after another */

typedef void (*StartFunc) (GTask *task);

static GQueue waiting = G_QUEUE_INIT;
static GTask *running;

static void start_next (void);

static void
task_completed_cb (GTask      *task,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  g_assert (task == running);

  g_signal_handlers_disconnect_by_func (task, task_completed_cb, NULL);
  g_clear_object (&running);
  start_next ();
}

static void
start_next (void)
{
  StartFunc start;

  if (running != NULL || g_queue_is_empty (&waiting))
    return;

  running = g_queue_pop_head (&waiting);
  g_signal_connect (running, "notify::completed", G_CALLBACK (task_completed_cb), NULL);
  start = g_object_get_data (G_OBJECT (running), "pb-history-start");
  start (running);
}

/* Runs start (task) once every call before it is complete. */
static void
queue_task (GTask     *task,
            StartFunc  start)
{
  g_object_set_data (G_OBJECT (task), "pb-history-start", start);
  g_queue_push_tail (&waiting, g_object_ref (task));
  start_next ();
}

/* }}} */
/* {{{ Calls */

typedef struct
{
  char           *account_id;
  char           *path;
  char           *ref;
  PbHistoryEntry *entry; /* appending */
  PbHistoryKey   *key;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->account_id);
  g_free (data->path);
  g_free (data->ref);
  g_clear_object (&data->entry);
  _pb_history_key_free (data->key);
  g_free (data);
}

static GTask *
call_new (const char          *account_id,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  data->account_id = g_strdup (account_id);
  data->path = get_path (account_id);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  return task;
}

static void
append_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CallData *data = task_data;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;
  const char *ref = pb_history_entry_get_ref (data->entry);
  guint n_same = 1;

  entries = read_entries (data->path, data->account_id, data->key, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Newest first; the oldest of the same connection beyond the limit go. */
  g_ptr_array_insert (entries, 0, g_object_ref (data->entry));
  for (guint i = 1; i < entries->len;)
    {
      PbHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (pb_history_entry_get_ref (entry), ref) && ++n_same > PB_HISTORY_MAX_ENTRIES)
        g_ptr_array_remove_index (entries, i);
      else
        i++;
    }

  if (!write_entries (data->path, data->account_id, data->key, entries, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Kept revision %" G_GINT64_FORMAT " of %s in the history (%u entries)",
           pb_history_entry_get_revision (data->entry), ref, entries->len);
  g_task_return_boolean (task, TRUE);
}

static void
append_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->key = _pb_history_key_get_finish (result, &error);
  if (data->key == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, append_in_thread);
}

static void
append_start (GTask *task)
{
  CallData *data = g_task_get_task_data (task);

  _pb_history_key_get_async (data->account_id, TRUE, g_task_get_cancellable (task),
                             append_key_cb, g_object_ref (task));
}

void
pb_history_append_async (const char          *account_id,
                         const char          *json,
                         PbHistoryReason      reason,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;
  GError *error = NULL;

  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (json != NULL);
  g_return_if_fail ((guint) reason <= PB_HISTORY_PROMOTE);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = call_new (account_id, pb_history_append_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->entry = _pb_history_entry_new_for_connection (json, reason, &error);
  if (data->entry == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  queue_task (task, append_start);
}

gboolean
pb_history_append_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_history_append_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CallData *data = task_data;
  g_autoptr(GPtrArray) entries = NULL;
  GListStore *store;
  GError *error = NULL;

  entries = read_entries (data->path, data->account_id, data->key, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  store = g_list_store_new (PB_TYPE_HISTORY_ENTRY);
  for (guint i = 0; i < entries->len; i++)
    {
      PbHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (data->ref == NULL || g_str_equal (pb_history_entry_get_ref (entry), data->ref))
        g_list_store_append (store, entry);
    }

  g_task_return_pointer (task, store, g_object_unref);
}

static void
list_key_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->key = _pb_history_key_get_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* No key: no history, or one that cannot be read any more (the thread tells). */
  g_task_run_in_thread (task, list_in_thread);
}

static void
list_start (GTask *task)
{
  CallData *data = g_task_get_task_data (task);

  _pb_history_key_get_async (data->account_id, FALSE, g_task_get_cancellable (task),
                             list_key_cb, g_object_ref (task));
}

void
pb_history_list_async (const char          *account_id,
                       const char          *ref,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;

  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = call_new (account_id, pb_history_list_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->ref = g_strdup (ref);

  queue_task (task, list_start);
}

GListModel *
pb_history_list_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_history_list_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_pb_history_key_clear_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The file first: once it is gone, a key left behind (the keyring refused) holds nothing. */
static void
clear_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = task_data;

  if (g_remove (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_debug ("Cannot remove %s: %s", path, g_strerror (saved));
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("The history of changes cannot be removed: %s"),
                               g_strerror (saved));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
clear_file_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  _pb_history_key_clear_async (data->account_id, g_task_get_cancellable (task), clear_key_cb,
                               task);
}

static void
clear_start (GTask *task)
{
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GTask) file_task = g_task_new (NULL, g_task_get_cancellable (task), clear_file_cb,
                                           g_object_ref (task));

  g_task_set_source_tag (file_task, clear_start);
  g_task_set_task_data (file_task, g_strdup (data->path), g_free);
  g_task_run_in_thread (file_task, clear_in_thread);
}

void
pb_history_clear_async (const char          *account_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = call_new (account_id, pb_history_clear_async, cancellable, callback, user_data);
  queue_task (task, clear_start);
}

gboolean
pb_history_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_history_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
