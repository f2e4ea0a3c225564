/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-history"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pb-account.h"
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

G_DEFINE_ENUM_TYPE (PbHistoryReason, pb_history_reason,
  G_DEFINE_ENUM_VALUE (PB_HISTORY_EDIT, "edit"),
  G_DEFINE_ENUM_VALUE (PB_HISTORY_ARCHIVE, "archive"),
  G_DEFINE_ENUM_VALUE (PB_HISTORY_UNARCHIVE, "unarchive"),
  G_DEFINE_ENUM_VALUE (PB_HISTORY_RESTORE, "restore"),
  G_DEFINE_ENUM_VALUE (PB_HISTORY_OVERWRITE, "overwrite"),
  G_DEFINE_ENUM_VALUE (PB_HISTORY_PROMOTE, "promote"))

/* As the file writes them (the enum's nicks, in its order). */
static const char * const reason_nicks[] = {
  "edit", "archive", "unarchive", "restore", "overwrite", "promote",
};

/* {{{ PbHistoryEntry */

struct _PbHistoryEntry
{
  GObject          parent_instance;

  char            *ref;
  char            *name;
  gint64           revision;
  GDateTime       *replaced_at;
  PbHistoryReason  reason;
  char            *json;
};

G_DEFINE_FINAL_TYPE (PbHistoryEntry, pb_history_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REF,
  PROP_NAME,
  PROP_REVISION,
  PROP_REPLACED_AT,
  PROP_REASON,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_history_entry_finalize (GObject *object)
{
  PbHistoryEntry *self = (PbHistoryEntry *)object;

  g_clear_pointer (&self->ref, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->replaced_at, g_date_time_unref);
  if (self->json != NULL)
    _pb_history_wipe (self->json, strlen (self->json));
  g_clear_pointer (&self->json, g_free);

  G_OBJECT_CLASS (pb_history_entry_parent_class)->finalize (object);
}

static void
pb_history_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbHistoryEntry *self = PB_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_REF:
      g_value_set_string (value, self->ref);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    case PROP_REPLACED_AT:
      g_value_set_boxed (value, self->replaced_at);
      break;
    case PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;
    case PROP_JSON:
      g_value_set_string (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_history_entry_class_init (PbHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_history_entry_finalize;
  object_class->get_property = pb_history_entry_get_property;

  properties[PROP_REF] =
    g_param_spec_string ("ref", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLACED_AT] =
    g_param_spec_boxed ("replaced-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL, PB_TYPE_HISTORY_REASON, PB_HISTORY_EDIT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JSON] =
    g_param_spec_string ("json", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_history_entry_init (PbHistoryEntry *self)
{
  self->revision = -1;
}

const char *
pb_history_entry_get_ref (PbHistoryEntry *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_ENTRY (self), NULL);

  return self->ref;
}

const char *
pb_history_entry_get_name (PbHistoryEntry *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_ENTRY (self), NULL);

  return self->name;
}

gint64
pb_history_entry_get_revision (PbHistoryEntry *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_ENTRY (self), -1);

  return self->revision;
}

GDateTime *
pb_history_entry_get_replaced_at (PbHistoryEntry *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_ENTRY (self), NULL);

  return self->replaced_at;
}

PbHistoryReason
pb_history_entry_get_reason (PbHistoryEntry *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_ENTRY (self), PB_HISTORY_EDIT);

  return self->reason;
}

const char *
pb_history_entry_get_json (PbHistoryEntry *self)
{
  g_return_val_if_fail (PB_IS_HISTORY_ENTRY (self), NULL);

  return self->json;
}

/* Takes `json`. */
static PbHistoryEntry *
entry_new (const char      *ref,
           const char      *name,
           gint64           revision,
           GDateTime       *replaced_at,
           PbHistoryReason  reason,
           char            *json)
{
  PbHistoryEntry *self = g_object_new (PB_TYPE_HISTORY_ENTRY, NULL);

  self->ref = g_strdup (ref);
  self->name = g_strdup (name != NULL ? name : "");
  self->revision = revision >= 0 ? revision : -1;
  self->replaced_at = g_date_time_to_utc (replaced_at);
  self->reason = reason;
  self->json = json;

  return self;
}

/* An entry for the connection `json` as received, replaced now. NULL with a PB_PARSE_ERROR
 * when it is not an object with a "ref". */
static PbHistoryEntry *
entry_new_for_connection (const char       *json,
                          PbHistoryReason   reason,
                          GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonNode *root;
  JsonObject *object;
  const char *ref;
  gint64 revision = -1;

  if (!pb_json_parser_load (parser, json, strlen (json), PB_JSON_CHECK_DEFAULT, error))
    return NULL;

  root = json_parser_get_root (parser);
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  ref = pb_json_object_get_string (object, "ref");
  if (ref == NULL || *ref == '\0')
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                           _("The connection to keep in the history has no reference."));
      return NULL;
    }
  if (!pb_json_object_get_int (object, "revision", &revision))
    revision = -1;

  return entry_new (ref, pb_json_object_get_string (object, "name"), revision, now, reason,
                    g_strdup (json));
}

/* }}} */
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

static PbHistoryEntry *
entry_from_json (JsonObject *object)
{
  const char *ref = pb_json_object_get_string (object, "ref");
  const char *replaced_at = pb_json_object_get_string (object, "replacedAt");
  const char *reason = pb_json_object_get_string (object, "reason");
  const char *json = pb_json_object_get_string (object, "json");
  g_autoptr(GDateTime) when = NULL;
  gint64 revision = -1;

  if (ref == NULL || replaced_at == NULL || reason == NULL || json == NULL)
    return NULL;
  when = g_date_time_new_from_iso8601 (replaced_at, NULL);
  if (when == NULL)
    return NULL;
  if (!pb_json_object_get_int (object, "revision", &revision))
    revision = -1;

  for (guint i = 0; i < G_N_ELEMENTS (reason_nicks); i++)
    if (g_str_equal (reason, reason_nicks[i]))
      return entry_new (ref, pb_json_object_get_string (object, "name"), revision, when, i,
                        g_strdup (json));

  return NULL;
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
        entry = entry_from_json (json_node_get_object (node));
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

static void
add_entry_member (JsonBuilder    *builder,
                  PbHistoryEntry *entry)
{
  g_autofree char *replaced_at = g_date_time_format_iso8601 (entry->replaced_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ref");
  json_builder_add_string_value (builder, entry->ref);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, entry->name);
  json_builder_set_member_name (builder, "revision");
  if (entry->revision >= 0)
    json_builder_add_int_value (builder, entry->revision);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "replacedAt");
  json_builder_add_string_value (builder, replaced_at);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason_nicks[entry->reason]);
  json_builder_set_member_name (builder, "json");
  json_builder_add_string_value (builder, entry->json);
  json_builder_end_object (builder);
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
    add_entry_member (builder, g_ptr_array_index (entries, i));
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

      if (g_str_equal (entry->ref, data->entry->ref) && ++n_same > PB_HISTORY_MAX_ENTRIES)
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
           data->entry->revision, data->entry->ref, entries->len);
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
  g_return_if_fail ((guint) reason < G_N_ELEMENTS (reason_nicks));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = call_new (account_id, pb_history_append_async, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->entry = entry_new_for_connection (json, reason, &error);
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

      if (data->ref == NULL || g_str_equal (entry->ref, data->ref))
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
