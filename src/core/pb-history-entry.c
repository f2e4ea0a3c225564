/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-history-private.h"
#include "pb-json.h"

/* One replaced version, and its member of the history's document (pb-history.c). */

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

PbHistoryEntry *
_pb_history_entry_new_for_connection (const char       *json,
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

/* The document's form */

PbHistoryEntry *
_pb_history_entry_new_from_json (JsonObject *object)
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

void
_pb_history_entry_build_json (JsonBuilder    *builder,
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

