/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-server"

#include "config.h"

#include <string.h>

#include "pb-demo-server-private.h"

/* What tests make happen to the demo server's writes: a colleague who changes a connection,
 * and a write that fails with a status or whose connection drops once its body was read,
 * stored or not (the cases where a client cannot tell whether its write happened). */

#define COLLEAGUE_REF "3c9e1f7a-2d4b-4a8e-b6f0-9e7d5c3b1a20"

char *
_pb_demo_ref_of_path (const char *path)
{
  const char *rest;
  char *ref;

  if (!g_str_has_prefix (path, PB_DEMO_COLLECTION_PATH "/"))
    return NULL;

  rest = path + strlen (PB_DEMO_COLLECTION_PATH "/");
  if (g_str_has_suffix (rest, "/"))
    ref = g_uri_unescape_segment (rest, rest + strlen (rest) - 1, NULL);
  else
    ref = g_uri_unescape_string (rest, NULL);

  if (ref != NULL && (*ref == '\0' || strchr (ref, '/') != NULL))
    g_clear_pointer (&ref, g_free);

  return ref;
}

/* The stored object of an item (its href with the server's base URL). */
static JsonObject *
item_to_object (PbDemoServer *self,
                PbDemoItem   *item)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  _pb_demo_item_append (self, item, text);
  root = _pb_demo_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

gboolean
pb_demo_server_simulate_change (PbDemoServer *self,
                                const char   *ref)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *now = NULL;
  g_autofree char *description = NULL;
  PbDemoItem *item;
  PbDemoItem *changed;
  const char *old;

  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (ref != NULL, FALSE);

  item = g_hash_table_lookup (self->by_ref, ref);
  if (item == NULL)
    return FALSE;

  object = item_to_object (self, item);
  now = _pb_demo_now_timestamp ();
  old = _pb_demo_lookup_string (object, "description");
  description = g_strconcat (old != NULL ? old : "", old != NULL && *old != '\0' ? " " : "",
                             "(changed by a colleague)", NULL);

  json_object_set_string_member (object, "description", description);
  json_object_set_int_member (object, "revision", item->revision + 1);
  json_object_set_string_member (object, "modifiedAt", now);
  if (json_object_has_member (object, "modifiedByUserRef"))
    json_object_set_string_member (object, "modifiedByUserRef", COLLEAGUE_REF);
  else
    json_object_set_string_member (object, "modifiedByRef", COLLEAGUE_REF);

  changed = _pb_demo_item_new (self, object);
  g_assert (changed != NULL);
  changed->revision = item->revision + 1;
  _pb_demo_store_put (self, changed);
  g_debug ("A colleague changed %s (revision %" G_GINT64_FORMAT ")", ref, changed->revision);

  return TRUE;
}

void
pb_demo_server_fail_next_write (PbDemoServer       *self,
                                PbDemoWriteFailure  failure,
                                guint               status)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));
  g_return_if_fail (failure <= PB_DEMO_WRITE_DROP_AFTER_CHANGE);
  g_return_if_fail (failure != PB_DEMO_WRITE_FAIL_STATUS || (status >= 400 && status <= 599));

  self->write_failure = failure + 1;
  self->write_failure_status = status;
}

void
pb_demo_server_fail_write_to (PbDemoServer *self,
                              const char   *ref,
                              guint         status)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (status >= 400 && status <= 599);

  g_free (self->write_failure_ref);
  self->write_failure_ref = g_strdup (ref);
  self->write_failure_ref_status = status;
}

guint
pb_demo_server_get_n_writes (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), 0);

  return self->n_writes;
}

/* Closes the connection of msg without a word. msg may be freed when it returns. */
static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

gboolean
_pb_demo_intercept_write (PbDemoServer      *self,
                          SoupServerMessage *msg,
                          const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *ref = NULL;
  PbDemoWriteFailure failure;

  if (g_str_equal (method, "POST"))
    {
      if (!g_str_equal (path, PB_DEMO_COLLECTION_PATH)
          && !g_str_equal (path, PB_DEMO_COLLECTION_PATH "/"))
        return FALSE;
    }
  else if (g_str_equal (method, "PUT"))
    {
      if ((ref = _pb_demo_ref_of_path (path)) == NULL)
        return FALSE;
    }
  else
    {
      return FALSE;
    }

  self->n_writes++;
  if (ref != NULL && g_strcmp0 (ref, self->write_failure_ref) == 0)
    {
      g_clear_pointer (&self->write_failure_ref, g_free);
      g_debug ("%s %s: failing with %u as told", method, path, self->write_failure_ref_status);
      _pb_demo_answer_status (msg, self->write_failure_ref_status);
      return TRUE;
    }
  if (self->write_failure == 0)
    return FALSE;

  failure = self->write_failure - 1;
  self->write_failure = 0;

  switch (failure)
    {
    case PB_DEMO_WRITE_FAIL_STATUS:
      g_debug ("%s %s: failing with %u as told", method, path, self->write_failure_status);
      _pb_demo_answer_status (msg, self->write_failure_status);
      return TRUE;

    case PB_DEMO_WRITE_DROP_AFTER_STORING:
      if (ref != NULL)
        _pb_demo_handle_update (self, msg, ref);
      else
        _pb_demo_handle_create (self, msg);
      break;

    case PB_DEMO_WRITE_DROP_AFTER_CHANGE:
      if (ref != NULL)
        pb_demo_server_simulate_change (self, ref);
      break;

    case PB_DEMO_WRITE_DROP:
    default:
      break;
    }

  g_debug ("%s %s: dropping the connection as told", method, path);
  drop_connection (msg);
  return TRUE;
}
