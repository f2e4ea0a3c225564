/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-cache.h"
#include "pb-connection.h"
#include "pb-connection-store-private.h"
#include "pb-history.h"
#include "pb-json.h"

/* The store's writes (see pb-connection-store.h).
 *
 * An update reads the connection again, refuses to go on when it changed since the edit
 * began (unless told to overwrite), keeps the version it replaces (as just read) in the
 * history of the store's cache id, which names the account, then PUTs; a failure to keep it
 * stops the write. A store without a cache id keeps no history (the tests' and the
 * command line's: there is no account to keep it for).
 * A create POSTs. On success the server's answer takes the place of the old object in the
 * list (the same GObject, updated in place) or is added to it, and a complete list is saved
 * again as the offline copy.
 *
 * A write is never sent twice (pb-client.h). When the connection drops after the request went
 * out, the store reads again to learn what happened:
 * - an update is done when the connection moved past the version it replaced and its content
 *   is the body sent; it did not happen when the server still has that version (the user gets
 *   the network error and may save again); anything else is PB_STORE_ERROR_UNCERTAIN;
 * - a create is done when the list has exactly one connection that the store's list did not
 *   have when it began, at revision 1 (or none), whose content is the body sent; otherwise
 *   PB_STORE_ERROR_UNCERTAIN.
 * "Content" leaves out what the server assigns (ref, href, clientKey, revision, modifiedAt,
 * modifiedBy…) and the order of members; a member the body lacks equals the server's default
 * for it (null, false, an empty array). */

G_DEFINE_QUARK (pb-store-error-quark, pb_store_error)

typedef struct
{
  PbClient          *client;       /* the store's when the write began */
  guint              generation;
  char              *account_id;   /* the store's cache id then: the history's, or NULL */
  char              *ref;          /* update */
  PbConnection      *base;         /* update: the version the edit began from, or NULL */
  char              *body_json;
  int                reason;
  PbStoreWriteFlags  flags;
  PbConnection      *before;       /* update: the version read just before the PUT */
  GHashTable        *refs_before;  /* create: the refs of the list when it began */
  GError            *write_error;  /* the write's failure once its request went out */
  char              *current_json; /* what *current_json receives */
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->client);
  g_clear_pointer (&write->account_id, g_free);
  g_clear_pointer (&write->ref, g_free);
  g_clear_object (&write->base);
  g_clear_pointer (&write->body_json, g_free);
  g_clear_object (&write->before);
  g_clear_pointer (&write->refs_before, g_hash_table_unref);
  g_clear_error (&write->write_error);
  g_clear_pointer (&write->current_json, g_free);
  g_free (write);
}

/* {{{ Comparing versions */

/* The same version: the same revision and modifiedAt text (missing on both sides is equal). */
static gboolean
same_version (PbConnection *a,
              PbConnection *b)
{
  return pb_connection_get_revision (a) == pb_connection_get_revision (b)
         && g_strcmp0 (pb_connection_get_modified_at_text (a),
                       pb_connection_get_modified_at_text (b)) == 0;
}

static gboolean
is_server_field (const char *name)
{
  static const char *const fields[] = { "ref", "href", "clientKey", "revision", "modifiedAt" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (name, fields[i]))
      return TRUE;

  return g_str_has_prefix (name, "modifiedBy");
}

static gboolean
is_default_value (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return !json_node_get_boolean (node);
  return FALSE;
}

/* Whether every member of `a` but the server's is in `b` with an equal value, or has its
 * default value where `b` lacks it. */
static gboolean
members_found_in (JsonObject *a,
                  JsonObject *b)
{
  g_autoptr(GList) members = json_object_get_members (a);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (a, name);
      JsonNode *other;

      if (is_server_field (name))
        continue;

      other = json_object_get_member (b, name);
      if (other == NULL ? !is_default_value (value) : !json_node_equal (value, other))
        return FALSE;
    }

  return TRUE;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (json == NULL
      || !pb_json_parser_load (parser, json, strlen (json), PB_JSON_CHECK_DEFAULT, &error))
    return NULL;

  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* Whether two connections (JSON texts) hold the same content (see the top of the file). */
gboolean
_pb_connection_store_same_content (const char *a_json,
                                   const char *b_json)
{
  g_autoptr(JsonParser) parser_a = json_parser_new_immutable ();
  g_autoptr(JsonParser) parser_b = json_parser_new_immutable ();
  JsonObject *a = parse_object (parser_a, a_json);
  JsonObject *b = parse_object (parser_b, b_json);

  return a != NULL && b != NULL && members_found_in (a, b) && members_found_in (b, a);
}

/* }}} */
/* {{{ Ending a write */

static void
save_offline_copy_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PbConnectionStore) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_cache_save_finish (result, &error))
    g_debug ("The offline copy could not be saved: %s", error->message);

  self->saving_copy = FALSE;
  if (self->save_copy_again)
    {
      self->save_copy_again = FALSE;
      _pb_connection_store_save_offline_copy (self);
    }
}

void
_pb_connection_store_save_offline_copy (PbConnectionStore *self)
{
  GListModel *model = G_LIST_MODEL (self->list);
  g_autoptr(GPtrArray) connections = NULL;
  guint n = g_list_model_get_n_items (model);

  /* Only a complete list from the server, and not while a refresh replaces it (it saves its
   * own once it is done). */
  if (self->cache_id == NULL || self->client == NULL || !self->list_complete
      || self->refresh_task != NULL || self->cached_at != NULL)
    return;

  if (self->saving_copy)
    {
      self->save_copy_again = TRUE;
      return;
    }

  connections = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (connections, g_list_model_get_item (model, i));

  self->saving_copy = TRUE;
  pb_cache_save_async (self->cache_id, pb_client_get_base_url (self->client), connections,
                       NULL, save_offline_copy_cb, g_object_ref (self));
}

/* The write happened: `connection` (the server's answer, or what reading again found) goes
 * into the list, in place of the object of the same ref. */
static void
write_succeeded (GTask        *task,
                 PbConnection *connection)
{
  PbConnectionStore *self = g_task_get_source_object (task);
  Write *write = g_task_get_task_data (task);
  PbConnection *in_list;

  g_clear_pointer (&write->current_json, g_free);

  /* The store shows another account now: the answer is not one of its connections. */
  if (write->generation != self->generation)
    {
      g_task_return_pointer (task, g_object_ref (connection), g_object_unref);
      return;
    }

  in_list = pb_connection_list_update (self->list, connection);
  _pb_connection_store_emit_values_changed (self);
  _pb_connection_store_save_offline_copy (self);
  g_task_return_pointer (task, g_object_ref (in_list), g_object_unref);
}

static void
write_uncertain (GTask *task)
{
  g_task_return_new_error (task, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN, "%s",
                           _("The connection to the server broke after the change was sent, "
                             "and Plugboard could not find out whether the server saved it. "
                             "Look at the connection on the server before you save again."));
}

static PbConnection *
write_finish (PbConnectionStore  *self,
              GAsyncResult       *result,
              gpointer            source_tag,
              char              **current_json,
              GError            **error)
{
  Write *write;

  g_return_val_if_fail (PB_IS_CONNECTION_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  write = g_task_get_task_data (G_TASK (result));
  if (current_json != NULL)
    *current_json = write != NULL ? g_strdup (write->current_json) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A write needs a client, and never starts from a masked offline copy. Returns FALSE (and has
 * returned an error on the task) when it cannot begin. */
static gboolean
write_can_begin (PbConnectionStore *self,
                 GTask             *task)
{
  if (self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("There is no account to save the connection to."));
      return FALSE;
    }

  if (pb_connection_store_get_offline_copy (self))
    {
      g_task_return_new_error (task, PB_STORE_ERROR, PB_STORE_ERROR_OFFLINE_COPY, "%s",
                               _("The list shown is the offline copy, which is not sent back. "
                                 "Refresh the list from the server, then make the change "
                                 "again."));
      return FALSE;
    }

  return TRUE;
}

static Write *
write_new (PbConnectionStore *self,
           GTask             *task,
           const char        *body_json)
{
  Write *write = g_new0 (Write, 1);

  write->client = g_object_ref (self->client);
  write->generation = self->generation;
  write->account_id = g_strdup (self->cache_id);
  write->body_json = g_strdup (body_json);
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);

  return write;
}

/* }}} */
/* {{{ Update */

static void
update_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Write *write = g_task_get_task_data (task);
  g_autoptr(PbConnection) now = NULL;
  g_autoptr(GError) error = NULL;

  now = pb_client_get_connection_finish (PB_CLIENT (object), result, &error);
  if (now == NULL)
    {
      g_debug ("Reading %s again after the write failed: %s", write->ref, error->message);
      write_uncertain (task);
      return;
    }

  if (same_version (now, write->before))
    {
      g_debug ("%s: the dropped write did not happen", write->ref);
      g_task_return_error (task, g_steal_pointer (&write->write_error));
      return;
    }

  if (_pb_connection_store_same_content (pb_connection_get_json (now), write->body_json))
    {
      g_debug ("%s: the dropped write happened", write->ref);
      write_succeeded (task, now);
      return;
    }

  g_debug ("%s: changed, but not into what was sent", write->ref);
  write->current_json = g_strdup (pb_connection_get_json (now));
  write_uncertain (task);
}

static void create_checked_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data);

/* The POST or PUT ended: done, failed, or dropped once sent, and then read again. */
static void
write_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Write *write = g_task_get_task_data (task);
  g_autoptr(PbConnection) connection = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (g_task_get_source_tag (task) == pb_connection_store_update_async)
    connection = pb_client_update_connection_finish (PB_CLIENT (object), result, &error);
  else
    connection = pb_client_create_connection_finish (PB_CLIENT (object), result, &error);

  if (connection != NULL)
    {
      write_succeeded (task, connection);
      return;
    }

  if (!pb_client_error_get_request_sent (error))
    {
      g_task_return_error (task, error);
      return;
    }

  write->write_error = error;
  if (write->ref != NULL)
    pb_client_get_connection_async (write->client, write->ref, cancellable, update_checked_cb,
                                    g_steal_pointer (&task));
  else
    pb_client_list_connections_async (write->client, NULL, NULL, NULL, cancellable,
                                      create_checked_cb, g_steal_pointer (&task));
}

static void
update_send (GTask *task)
{
  Write *write = g_task_get_task_data (task);

  pb_client_update_connection_async (write->client, write->ref, write->body_json,
                                     g_task_get_cancellable (task), write_sent_cb,
                                     g_object_ref (task));
}

static void
update_kept_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Write *write = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pb_history_append_finish (result, &error))
    {
      g_debug ("%s: the version it replaces could not be kept, not sent: %s", write->ref,
               error->message);
      g_task_return_error (task, error);
      return;
    }

  update_send (task);
}

static void
update_got_current_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Write *write = g_task_get_task_data (task);
  GError *error = NULL;

  write->before = pb_client_get_connection_finish (PB_CLIENT (object), result, &error);
  if (write->before == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(write->flags & PB_STORE_WRITE_OVERWRITE) && !same_version (write->before, write->base))
    {
      g_debug ("%s changed on the server since the edit began: not sent", write->ref);
      write->current_json = g_strdup (pb_connection_get_json (write->before));
      g_task_return_new_error (task, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT, "%s",
                               _("Someone changed this connection on the server since you "
                                 "began to edit it. Nothing was saved."));
      return;
    }

  if (write->account_id == NULL)
    {
      update_send (task);
      return;
    }

  pb_history_append_async (write->account_id, pb_connection_get_json (write->before),
                           write->reason, g_task_get_cancellable (task), update_kept_cb,
                           g_object_ref (task));
}

void
pb_connection_store_update_async (PbConnectionStore   *self,
                                  const char          *ref,
                                  const char          *base_json,
                                  const char          *body_json,
                                  int                  reason,
                                  PbStoreWriteFlags    flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Write *write;

  g_return_if_fail (PB_IS_CONNECTION_STORE (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (base_json != NULL || (flags & PB_STORE_WRITE_OVERWRITE));
  g_return_if_fail (body_json != NULL);
  g_return_if_fail (reason >= PB_HISTORY_EDIT && reason <= PB_HISTORY_PROMOTE);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_connection_store_update_async);

  if (!write_can_begin (self, task))
    return;

  write = write_new (self, task, body_json);
  write->ref = g_strdup (ref);
  write->reason = reason;
  write->flags = flags;

  if (base_json != NULL)
    {
      write->base = pb_connection_new_from_data (base_json, -1, &error);
      if (write->base == NULL)
        {
          g_critical ("The version an edit began from is not a connection: %s",
                      error->message);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   "The version the edit began from is not a connection");
          return;
        }
    }

  pb_client_get_connection_async (write->client, ref, cancellable, update_got_current_cb,
                                  g_steal_pointer (&task));
}

PbConnection *
pb_connection_store_update_finish (PbConnectionStore  *self,
                                   GAsyncResult       *result,
                                   char              **current_json,
                                   GError            **error)
{
  return write_finish (self, result, pb_connection_store_update_async, current_json, error);
}

/* }}} */
/* {{{ Create */

static void
create_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Write *write = g_task_get_task_data (task);
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GError) error = NULL;
  PbConnection *found = NULL;

  connections = pb_client_list_connections_finish (PB_CLIENT (object), result, &error);
  if (connections == NULL)
    {
      g_debug ("Reading the list again after a create failed: %s", error->message);
      write_uncertain (task);
      return;
    }

  for (guint i = 0; i < connections->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (connections, i);

      if (g_hash_table_contains (write->refs_before, pb_connection_get_ref (connection))
          || pb_connection_get_revision (connection) > 1
          || !_pb_connection_store_same_content (pb_connection_get_json (connection),
                                                 write->body_json))
        continue;

      /* Two new ones like it: which one is this write's cannot be told. */
      if (found != NULL)
        {
          write_uncertain (task);
          return;
        }
      found = connection;
    }

  if (found == NULL)
    {
      write_uncertain (task);
      return;
    }

  g_debug ("The dropped create happened: %s", pb_connection_get_ref (found));
  write_succeeded (task, found);
}

void
pb_connection_store_create_async (PbConnectionStore   *self,
                                  const char          *body_json,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GListModel *model = G_LIST_MODEL (self->list);
  Write *write;

  g_return_if_fail (PB_IS_CONNECTION_STORE (self));
  g_return_if_fail (body_json != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_connection_store_create_async);

  if (!write_can_begin (self, task))
    return;

  /* Nothing is replaced: no history. What the list has now tells a connection this create
   * made from one that was there before, should the connection drop. */
  write = write_new (self, task, body_json);
  write->refs_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (model, i);

      g_hash_table_add (write->refs_before, g_strdup (pb_connection_get_ref (connection)));
    }

  pb_client_create_connection_async (write->client, body_json, cancellable, write_sent_cb,
                                     g_steal_pointer (&task));
}

PbConnection *
pb_connection_store_create_finish (PbConnectionStore  *self,
                                   GAsyncResult       *result,
                                   char              **current_json,
                                   GError            **error)
{
  return write_finish (self, result, pb_connection_store_create_async, current_json, error);
}

/* }}} */
