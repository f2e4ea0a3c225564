/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-connection.h"
#include "pb-core-resources.h"
#include "pb-demo-server-private.h"
#include "pb-json.h"

/* The data set of PbDemoServer: its items, loading them, and what a change stores. */

#define DEMO_DATA_PATH RESOURCE_BASE "/demo/connections.json"
#define DEMO_PRODUCTION_DATA_PATH RESOURCE_BASE "/demo/connections-production.json"

/* {{{ Reading JSON */

JsonNode *
_pb_demo_parse (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  parser = json_parser_new ();
  if (!pb_json_parser_load (parser, data, length, PB_JSON_CHECK_DEFAULT, error))
    return NULL;

  return json_parser_steal_root (parser);
}

JsonNode *
_pb_demo_lookup (JsonObject   *object,
                 const char   *path,
                 JsonNodeType  type)
{
  const char *name = path;
  JsonNode *node = NULL;

  while (object != NULL)
    {
      const char *dot = strchr (name, '.');
      g_autofree char *member = dot != NULL ? g_strndup (name, dot - name) : NULL;

      node = json_object_get_member (object, member != NULL ? member : name);
      if (node == NULL || dot == NULL)
        break;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      node = NULL;
      name = dot + 1;
    }

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

const char *
_pb_demo_lookup_string (JsonObject *object,
                        const char *path)
{
  JsonNode *node = _pb_demo_lookup (object, path, JSON_NODE_VALUE);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* }}} */
/* {{{ Items */

void
_pb_demo_item_free (PbDemoItem *item)
{
  g_free (item->ref);
  g_free (item->client_key);
  g_free (item->head);
  g_free (item->tail);
  g_free (item);
}

PbDemoItem *
_pb_demo_item_new (PbDemoServer *self,
                   JsonObject   *object)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *href = NULL;
  g_autofree char *text = NULL;
  g_autofree char *needle = NULL;
  const char *ref = _pb_demo_lookup_string (object, "ref");
  JsonNode *revision = _pb_demo_lookup (object, "revision", JSON_NODE_VALUE);
  const char *found;
  PbDemoItem *item;

  if (ref == NULL || *ref == '\0')
    return NULL;

  /* The sentinel stands for the base URL, which is known only once the server listens. */
  href = g_strconcat (self->sentinel, PB_DEMO_COLLECTION_PATH "/", ref, NULL);
  json_object_set_string_member (object, "href", href);

  root = json_node_init_object (json_node_alloc (), object);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  needle = g_strconcat ("\"href\":\"", self->sentinel, NULL);
  found = strstr (text, needle);
  g_assert (found != NULL);
  found += strlen ("\"href\":\"");

  item = g_new0 (PbDemoItem, 1);
  item->ref = g_strdup (ref);
  item->client_key = g_strdup (_pb_demo_lookup_string (object, "clientKey"));
  item->head_len = found - text;
  item->head = g_strndup (text, item->head_len);
  item->tail = g_strdup (found + strlen (self->sentinel));
  item->tail_len = strlen (item->tail);
  if (revision != NULL && json_node_get_value_type (revision) == G_TYPE_INT64)
    item->revision = json_node_get_int (revision);

  return item;
}

void
_pb_demo_item_append (PbDemoServer *self,
                      PbDemoItem   *item,
                      GString      *out)
{
  g_string_append_len (out, item->head, item->head_len);
  g_string_append (out, self->base_url ? self->base_url : "");
  g_string_append_len (out, item->tail, item->tail_len);
}

/* }}} */
/* {{{ The store */

void
_pb_demo_store_put (PbDemoServer *self,
                    PbDemoItem   *item)
{
  PbDemoItem *old = g_hash_table_lookup (self->by_ref, item->ref);
  guint index;

  if (old != NULL && g_ptr_array_find (self->items, old, &index))
    {
      g_hash_table_remove (self->by_ref, old->ref);
      self->items->pdata[index] = item;
      _pb_demo_item_free (old);
    }
  else
    {
      g_ptr_array_add (self->items, item);
    }

  g_hash_table_insert (self->by_ref, item->ref, item);
}

void
_pb_demo_store_clear (PbDemoServer *self)
{
  g_hash_table_remove_all (self->by_ref);
  g_ptr_array_set_size (self->items, 0);
}

static void
set_array_if_missing (JsonObject *object,
                      const char *name)
{
  if (!json_object_has_member (object, name))
    json_object_set_array_member (object, name, json_array_new ());
}

char *
_pb_demo_now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

/* The server's fields come first when the body has none (as the API answers them), then every
 * member of the body in its order, with the server-owned ones replaced where they stand. */
JsonObject *
_pb_demo_store_build_object (PbDemoServer *self,
                             JsonObject   *body,
                             const char   *ref,
                             gint64        revision,
                             const char   *client_key)
{
  JsonObject *object = json_object_new ();
  g_autofree char *now = _pb_demo_now_timestamp ();
  g_autoptr(GList) members = NULL;

  if (client_key == NULL)
    client_key = self->client_key;

  if (!json_object_has_member (body, "clientKey"))
    json_object_set_string_member (object, "clientKey", client_key);
  if (!json_object_has_member (body, "href"))
    json_object_set_string_member (object, "href", "");
  if (!json_object_has_member (body, "ref"))
    json_object_set_string_member (object, "ref", ref);

  members = json_object_get_members (body);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "clientKey"))
        json_object_set_string_member (object, name, client_key);
      else if (g_str_equal (name, "href"))
        json_object_set_string_member (object, name, "");
      else if (g_str_equal (name, "ref"))
        json_object_set_string_member (object, name, ref);
      else if (g_str_equal (name, "modifiedAt"))
        json_object_set_string_member (object, name, now);
      else if (g_str_equal (name, "revision"))
        json_object_set_int_member (object, name, revision);
      else if (g_str_equal (name, "modifiedByRef") || g_str_equal (name, "modifiedByUserRef"))
        json_object_set_string_member (object, name, PB_DEMO_USER_REF);
      else
        json_object_set_member (object, name,
                                json_node_copy (json_object_get_member (body, name)));
    }

  if (!json_object_has_member (object, "modifiedByRef")
      && !json_object_has_member (object, "modifiedByUserRef"))
    json_object_set_string_member (object, "modifiedByRef", PB_DEMO_USER_REF);
  if (!json_object_has_member (object, "modifiedAt"))
    json_object_set_string_member (object, "modifiedAt", now);
  if (!json_object_has_member (object, "revision"))
    json_object_set_int_member (object, "revision", revision);
  if (!json_object_has_member (object, "archived"))
    json_object_set_boolean_member (object, "archived", FALSE);
  set_array_if_missing (object, "inputMappings");
  set_array_if_missing (object, "outputMappings");
  set_array_if_missing (object, "customHeaders");
  set_array_if_missing (object, "urlParameters");

  return object;
}

/* }}} */
/* {{{ Loading */

static gboolean
load_document (PbDemoServer  *self,
               const char    *data,
               gsize          length,
               GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *items_node;
  JsonArray *items;

  root = _pb_demo_parse (data, length, &local_error);
  if (root == NULL)
    {
      g_debug ("Demo data is not JSON: %s", local_error->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The demo data cannot be read: it is not JSON."));
      return FALSE;
    }

  items_node = JSON_NODE_HOLDS_OBJECT (root)
               ? _pb_demo_lookup (json_node_get_object (root), "items", JSON_NODE_ARRAY)
               : NULL;
  if (items_node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The demo data is not a list of connections."));
      return FALSE;
    }

  items = json_node_get_array (items_node);
  loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) _pb_demo_item_free);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      const char *ref;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_debug ("Demo data: items[%u] is not an object", i);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The demo data is not a list of connections."));
          return FALSE;
        }

      object = json_node_get_object (node);
      ref = _pb_demo_lookup_string (object, "ref");
      if (ref == NULL || *ref == '\0')
        {
          g_autofree char *random_ref = g_uuid_string_random ();

          json_object_set_string_member (object, "ref", random_ref);
        }
      g_ptr_array_add (loaded, _pb_demo_item_new (self, object));

      if (i == 0)
        {
          const char *client_key = _pb_demo_lookup_string (object, "clientKey");

          if (client_key != NULL && *client_key != '\0')
            {
              g_free (self->client_key);
              self->client_key = g_strdup (client_key);
            }
        }
    }

  _pb_demo_store_clear (self);
  for (guint i = 0; i < loaded->len; i++)
    _pb_demo_store_put (self, g_steal_pointer (&loaded->pdata[i]));
  g_ptr_array_set_free_func (loaded, NULL);

  return TRUE;
}

static void
load_resource (PbDemoServer *self,
               const char   *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (pb_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in demo data is missing: %s", error->message);

  data = g_bytes_get_data (bytes, &length);
  if (!load_document (self, data, length, &error))
    g_error ("The built-in demo data is broken: %s", error->message);
}

void
_pb_demo_store_load_builtin (PbDemoServer *self)
{
  load_resource (self, DEMO_DATA_PATH);
}

void
pb_demo_server_load_data_set (PbDemoServer  *self,
                              PbDemoDataSet  data_set)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));
  g_return_if_fail (data_set == PB_DEMO_DATA_SET_STAGING
                    || data_set == PB_DEMO_DATA_SET_PRODUCTION);

  load_resource (self, data_set == PB_DEMO_DATA_SET_PRODUCTION ? DEMO_PRODUCTION_DATA_PATH
                                                               : DEMO_DATA_PATH);
}

/* }}} */
/* {{{ Public API of the data set */

gboolean
pb_demo_server_load_data (PbDemoServer  *self,
                          const char    *data,
                          gssize         length,
                          GError       **error)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL)
    data = "";
  if (length < 0)
    length = strlen (data);

  return load_document (self, data, length, error);
}

guint
pb_demo_server_get_n_connections (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), 0);

  return self->items->len;
}

gboolean
pb_demo_server_put_connection (PbDemoServer  *self,
                               const char    *json,
                               GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  PbDemoItem *item = NULL;

  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = _pb_demo_parse (json, strlen (json), &local_error);
  if (root == NULL)
    {
      g_debug ("Connection is not JSON: %s", local_error->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The connection cannot be read: it is not JSON."));
      return FALSE;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    item = _pb_demo_item_new (self, json_node_get_object (root));
  if (item == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The connection has no reference."));
      return FALSE;
    }

  _pb_demo_store_put (self, item);

  return TRUE;
}

gboolean
pb_demo_server_remove_connection (PbDemoServer *self,
                                  const char   *ref)
{
  PbDemoItem *item;

  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (ref != NULL, FALSE);

  item = g_hash_table_lookup (self->by_ref, ref);
  if (item == NULL)
    return FALSE;

  g_hash_table_remove (self->by_ref, ref);
  g_ptr_array_remove (self->items, item);

  return TRUE;
}

/* }}} */
