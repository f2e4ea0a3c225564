/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-pair"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-compare-private.h"
#include "pb-connection.h"
#include "pb-diff.h"

/* One pair or single of a PbCompare: what a row of the compare window binds to. */

G_DEFINE_ENUM_TYPE (PbCompareGroup, pb_compare_group,
                    G_DEFINE_ENUM_VALUE (PB_COMPARE_GROUP_ONLY_IN_SOURCE, "only-in-source"),
                    G_DEFINE_ENUM_VALUE (PB_COMPARE_GROUP_ONLY_IN_TARGET, "only-in-target"),
                    G_DEFINE_ENUM_VALUE (PB_COMPARE_GROUP_DIFFERENT, "different"),
                    G_DEFINE_ENUM_VALUE (PB_COMPARE_GROUP_IDENTICAL, "identical"),
                    G_DEFINE_ENUM_VALUE (PB_COMPARE_N_GROUPS, "n-groups"))

struct _PbComparePair
{
  GObject         parent_instance;

  PbConnection   *source;
  PbConnection   *target;
  char           *name;
  PbCompareGroup  group;
  guint           n_self_references;
  gboolean        by_hand;
  gboolean        duplicate_name;
};

G_DEFINE_FINAL_TYPE (PbComparePair, pb_compare_pair, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_TARGET,
  PROP_NAME,
  PROP_GROUP,
  PROP_BY_HAND,
  PROP_DUPLICATE_NAME,
  PROP_N_SELF_REFERENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_compare_pair_finalize (GObject *object)
{
  PbComparePair *self = PB_COMPARE_PAIR (object);

  g_clear_object (&self->source);
  g_clear_object (&self->target);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (pb_compare_pair_parent_class)->finalize (object);
}

static void
pb_compare_pair_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbComparePair *self = PB_COMPARE_PAIR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;
    case PROP_NAME:
      g_value_set_string (value, pb_compare_pair_get_name (self));
      break;
    case PROP_GROUP:
      g_value_set_enum (value, self->group);
      break;
    case PROP_BY_HAND:
      g_value_set_boolean (value, self->by_hand);
      break;
    case PROP_DUPLICATE_NAME:
      g_value_set_boolean (value, self->duplicate_name);
      break;
    case PROP_N_SELF_REFERENCES:
      g_value_set_uint (value, self->n_self_references);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_compare_pair_class_init (PbComparePairClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = pb_compare_pair_finalize;
  object_class->get_property = pb_compare_pair_get_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, PB_TYPE_CONNECTION, flags);
  properties[PROP_TARGET] =
    g_param_spec_object ("target", NULL, NULL, PB_TYPE_CONNECTION, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_GROUP] =
    g_param_spec_enum ("group", NULL, NULL, PB_TYPE_COMPARE_GROUP,
                       PB_COMPARE_GROUP_ONLY_IN_SOURCE, flags);
  properties[PROP_BY_HAND] =
    g_param_spec_boolean ("by-hand", NULL, NULL, FALSE, flags);
  properties[PROP_DUPLICATE_NAME] =
    g_param_spec_boolean ("duplicate-name", NULL, NULL, FALSE, flags);
  properties[PROP_N_SELF_REFERENCES] =
    g_param_spec_uint ("n-self-references", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_compare_pair_init (PbComparePair *self)
{
}

PbComparePair *
_pb_compare_pair_new (const PbCompareItem *item)
{
  PbComparePair *self = g_object_new (PB_TYPE_COMPARE_PAIR, NULL);

  g_set_object (&self->source, item->source);
  g_set_object (&self->target, item->target);
  self->group = item->group;
  self->by_hand = item->by_hand;
  self->duplicate_name = item->duplicate_name;
  self->n_self_references = item->n_self_references;
  pb_compare_pair_get_name (self);
  return self;
}

void
_pb_compare_pair_update (PbComparePair       *self,
                         const PbCompareItem *item)
{
  g_autofree char *old_name = NULL;

  g_assert (PB_IS_COMPARE_PAIR (self));
  g_assert (self->source == item->source && self->target == item->target);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->group != item->group)
    {
      self->group = item->group;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
    }
  if (self->by_hand != item->by_hand)
    {
      self->by_hand = item->by_hand;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BY_HAND]);
    }
  if (self->duplicate_name != item->duplicate_name)
    {
      self->duplicate_name = item->duplicate_name;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATE_NAME]);
    }
  if (self->n_self_references != item->n_self_references)
    {
      self->n_self_references = item->n_self_references;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELF_REFERENCES]);
    }
  /* A rename in place (a refresh) shows at once. */
  old_name = g_strdup (self->name);
  if (g_strcmp0 (old_name, pb_compare_pair_get_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_thaw_notify (G_OBJECT (self));
}

PbConnection *
pb_compare_pair_get_source (PbComparePair *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), NULL);

  return self->source;
}

PbConnection *
pb_compare_pair_get_target (PbComparePair *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), NULL);

  return self->target;
}

const char *
pb_compare_pair_get_name (PbComparePair *self)
{
  PbConnection *connection;

  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), NULL);

  /* Kept as a copy: the connection's own string may be replaced by a refresh. */
  connection = self->source != NULL ? self->source : self->target;
  if (connection != NULL && g_strcmp0 (self->name, pb_connection_get_name (connection)) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (pb_connection_get_name (connection));
    }
  return self->name;
}

PbCompareGroup
pb_compare_pair_get_group (PbComparePair *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), PB_COMPARE_GROUP_ONLY_IN_SOURCE);

  return self->group;
}

gboolean
pb_compare_pair_get_by_hand (PbComparePair *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), FALSE);

  return self->by_hand;
}

gboolean
pb_compare_pair_get_duplicate_name (PbComparePair *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), FALSE);

  return self->duplicate_name;
}

guint
pb_compare_pair_get_n_self_references (PbComparePair *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), 0);

  return self->n_self_references;
}

/* The member of a path: "notes" for "notes", "auth" for "auth.clientId",
 * "customHeaders" for "customHeaders[Accept].value". */
static char *
dup_top_member (const char *path)
{
  return g_strndup (path, strcspn (path, ".["));
}

gboolean
_pb_compare_split_kept (const char *target_json,
                        const char *source_json,
                        GPtrArray  *entries,
                        GPtrArray  *kept)
{
  g_autoptr(JsonNode) target = json_from_string (target_json, NULL);
  g_autoptr(JsonNode) source = json_from_string (source_json, NULL);
  JsonObject *target_object;
  JsonObject *source_object;
  gboolean found = FALSE;

  if (target == NULL || source == NULL || !JSON_NODE_HOLDS_OBJECT (target)
      || !JSON_NODE_HOLDS_OBJECT (source))
    return FALSE;
  target_object = json_node_get_object (target);
  source_object = json_node_get_object (source);

  /* A member only the target has stays as it is (pb_promote_update_body()). */
  for (guint i = 0; i < entries->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *member = dup_top_member (entry->path);

      if (!json_object_has_member (target_object, member)
          || json_object_has_member (source_object, member))
        continue;
      found = TRUE;
      if (kept != NULL)
        g_ptr_array_add (kept, g_ptr_array_steal_index (entries, i--));
      else
        g_ptr_array_remove_index (entries, i--);
    }
  return found;
}

static GPtrArray *
dup_differences (PbComparePair  *self,
                 GPtrArray      *kept,
                 GError        **error)
{
  const char *old_json = "{}";
  const char *new_json = "{}";
  g_autoptr(GPtrArray) entries = NULL;

  if (self->target != NULL)
    old_json = pb_connection_get_json (self->target);
  if (self->source != NULL)
    new_json = pb_connection_get_json (self->source);

  entries = pb_diff_connections (old_json, new_json, PB_DIFF_IGNORE_SERVER_FIELDS, error);
  if (entries != NULL && self->source != NULL && self->target != NULL)
    _pb_compare_split_kept (old_json, new_json, entries, kept);
  return g_steal_pointer (&entries);
}

GPtrArray *
pb_compare_pair_dup_differences (PbComparePair  *self,
                                 GError        **error)
{
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return dup_differences (self, NULL, error);
}

GPtrArray *
pb_compare_pair_dup_kept (PbComparePair *self)
{
  GPtrArray *kept;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (PB_IS_COMPARE_PAIR (self), NULL);

  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_diff_entry_free);
  entries = dup_differences (self, kept, NULL);
  return kept;
}
