/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-json"

#include "config.h"

#include <json-glib/json-glib.h>

#include "pb-test-json.h"
#include "pb-test-util.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

char *
pb_test_fixture_member (const char *name,
                        const char *member)
{
  g_autofree char *data = pb_test_read_fixture (name);
  g_autoptr(JsonNode) root = parse (data);
  JsonNode *node;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  node = json_object_get_member (json_node_get_object (root), member);
  g_assert_nonnull (node);

  return json_to_string (node, FALSE);
}

char *
pb_test_json_set (const char *json,
                  const char *path,
                  const char *value)
{
  g_autoptr(JsonNode) root = parse (json);
  g_auto(GStrv) names = g_strsplit (path, ".", -1);
  JsonObject *object = json_node_get_object (root);
  guint n = g_strv_length (names);

  for (guint i = 0; i + 1 < n; i++)
    {
      if (!json_object_has_member (object, names[i]))
        json_object_set_object_member (object, names[i], json_object_new ());
      object = json_object_get_object_member (object, names[i]);
    }

  if (value == NULL)
    json_object_remove_member (object, names[n - 1]);
  else
    json_object_set_member (object, names[n - 1], parse (value));

  return json_to_string (root, FALSE);
}
