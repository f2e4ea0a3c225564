/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-json-object"

#include "config.h"

#include "pb-json-private.h"

/* json-glib, fed only checked text, and typed members of its objects: json-glib logs a
 * critical for a member of the wrong type, and documents from outside have whatever types
 * they like. */

gboolean
pb_json_parser_load (JsonParser        *parser,
                     const char        *data,
                     gsize              length,
                     PbJsonCheckFlags   flags,
                     GError           **error)
{
  g_autofree char *repaired = NULL;
  const char *start;
  const char *end;
  gboolean lone;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_pb_json_check_indexed (data, length, flags, NULL, &lone, &start, &end, error))
    return FALSE;
  if (lone)
    {
      repaired = g_strndup (start, end - start);
      _pb_json_repair_escapes (repaired, end - start);
      end = repaired + (end - start);
      start = repaired;
    }

  return json_parser_load_from_data (parser, start, end - start, error);
}

JsonNode *
pb_json_object_get_node (JsonObject *object,
                         const char *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  return json_object_get_member (object, member);
}

const char *
pb_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

const char *
pb_json_object_get_string (JsonObject *object,
                           const char *member)
{
  return pb_json_node_get_string (pb_json_object_get_node (object, member));
}

JsonObject *
pb_json_object_get_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node = pb_json_object_get_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
pb_json_object_get_array (JsonObject *object,
                          const char *member)
{
  JsonNode *node = pb_json_object_get_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
pb_json_node_get_int (JsonNode *node,
                      gint64   *out)
{
  double d;

  g_return_val_if_fail (out != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return FALSE;

  /* NaN fails both comparisons. */
  d = json_node_get_double (node);
  if (!(d >= -1e15 && d <= 1e15) || (double)(gint64)d != d)
    return FALSE;
  *out = (gint64)d;

  return TRUE;
}

gboolean
pb_json_object_get_int (JsonObject *object,
                        const char *member,
                        gint64     *out)
{
  return pb_json_node_get_int (pb_json_object_get_node (object, member), out);
}

gboolean
pb_json_object_get_boolean (JsonObject *object,
                            const char *member,
                            gboolean   *out)
{
  JsonNode *node = pb_json_object_get_node (object, member);

  g_return_val_if_fail (out != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  *out = json_node_get_boolean (node);
  return TRUE;
}
