/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The differences between two versions of a connection, field by field, in the order and with
 * the words of the form. */
#define G_LOG_DOMAIN "pb-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-diff-private.h"
#include "pb-secret.h"

/* The context of the words only this file uses. */
#define CHANGE_CONTEXT "a change"

/* Longer texts than this (in characters) are shown as a line diff. */
#define MULTILINE_LENGTH 80

G_DEFINE_BOXED_TYPE (PbDiffEntry, pb_diff_entry, pb_diff_entry_copy, pb_diff_entry_free)
G_DEFINE_QUARK (pb-diff-error-quark, pb_diff_error)

PbDiffEntry *
pb_diff_entry_copy (const PbDiffEntry *entry)
{
  PbDiffEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (PbDiffEntry, 1);
  copy->kind = entry->kind;
  copy->path = g_strdup (entry->path);
  copy->label = g_strdup (entry->label);
  copy->old_text = g_strdup (entry->old_text);
  copy->new_text = g_strdup (entry->new_text);
  copy->masked = entry->masked;
  copy->multiline = entry->multiline;

  return copy;
}

void
pb_diff_entry_free (PbDiffEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->path);
  g_free (entry->label);
  g_free (entry->old_text);
  g_free (entry->new_text);
  g_free (entry);
}

/* {{{ What the form knows */

typedef struct
{
  PbDiffField  field;
  const char  *parent;     /* the path of the object it is a member of; NULL at the top */
  const char  *name;
  const char  *label;      /* N_(): words the detail page already uses */
  gboolean     server;     /* assigned by the server */
} FieldInfo;

/* In the order of the form. */
static const FieldInfo fields[] = {
  { { "name" }, NULL, "name", N_("Name") },
  { { "description" }, NULL, "description", N_("Description") },
  { { "systemType" }, NULL, "systemType", N_("System Type") },
  { { "icon" }, NULL, "icon", N_("Icon") },
  { { "archived" }, NULL, "archived", N_("Archived") },
  { { "auth", PB_DIFF_SHAPE_OBJECT }, NULL, "auth", N_("Authentication") },
  { { "auth.authType" }, "auth", "authType", N_("Authentication") },
  { { "auth.clientId" }, "auth", "clientId", N_("Client ID") },
  { { "auth.clientSecret" }, "auth", "clientSecret", N_("Client Secret") },
  { { "auth.accessTokenUrl" }, "auth", "accessTokenUrl", N_("Token URL") },
  { { "auth.useMutualTls" }, "auth", "useMutualTls", N_("Mutual TLS") },
  { { "auth.oauthCustomHeaders", PB_DIFF_SHAPE_TABLE, "name" }, "auth", "oauthCustomHeaders",
    N_("Token Request Headers") },
  { { "auth.formUrlEncodedItems", PB_DIFF_SHAPE_TABLE, "name" }, "auth", "formUrlEncodedItems",
    N_("Token Request Form Items") },
  { { "request", PB_DIFF_SHAPE_OBJECT }, NULL, "request", N_("Request") },
  { { "request.requestType" }, "request", "requestType", N_("Method") },
  { { "request.connectionUrl" }, "request", "connectionUrl", N_("URL") },
  { { "request.requestBody" }, "request", "requestBody", N_("Body") },
  { { "customHeaders", PB_DIFF_SHAPE_TABLE, "name" }, NULL, "customHeaders", N_("Headers") },
  { { "urlParameters" }, NULL, "urlParameters", N_("URL Parameters") },
  { { "inputMappings", PB_DIFF_SHAPE_TABLE, "key" }, NULL, "inputMappings", N_("Input Mappings") },
  { { "outputMappings", PB_DIFF_SHAPE_TABLE, "outputReference" }, NULL, "outputMappings",
    N_("Output Mappings") },
  { { "exampleValue" }, NULL, "exampleValue", N_("Example Value") },
  { { "connectionTimeout" }, NULL, "connectionTimeout", N_("Connection Timeout") },
  { { "socketTimeout" }, NULL, "socketTimeout", N_("Read Timeout") },
  /* What the server assigns, as the detail page names it. */
  { { "ref" }, NULL, "ref", N_("Reference"), TRUE },
  { { "href" }, NULL, "href", N_("API Link"), TRUE },
  { { "clientKey" }, NULL, "clientKey", N_("Client Key"), TRUE },
  { { "revision" }, NULL, "revision", N_("Revision"), TRUE },
  { { "modifiedAt" }, NULL, "modifiedAt", N_("Last Modified"), TRUE },
  { { "modifiedByRef" }, NULL, "modifiedByRef", N_("Modified By"), TRUE },
  { { "modifiedByUserRef" }, NULL, "modifiedByUserRef", N_("Modified By"), TRUE },
};

/* The columns of the rows of each kind of table, in the order of the form. */
typedef struct
{
  const char *name;
  const char *label;
  const char *context;
} Column;

static const Column name_value_columns[] = {
  { "name", N_("Name") },
  { "value", NC_("a change", "Value"), CHANGE_CONTEXT },
};
static const Column input_columns[] = {
  { "label", N_("Label") },
  { "key", N_("Key") },
  { "type", N_("Type") },
  { "exampleValue", N_("Example Value") },
  { "mapping", N_("Mapping") },
};
static const Column output_columns[] = {
  { "label", N_("Label") },
  { "outputReference", N_("Output Reference") },
  { "type", N_("Type") },
};

static const FieldInfo *
find_field_info (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].field.path, path) == 0)
      return &fields[i];

  return NULL;
}

const PbDiffField *
_pb_diff_find_field (const char *path)
{
  const FieldInfo *info = find_field_info (path);

  return info != NULL ? &info->field : NULL;
}

gboolean
_pb_diff_is_server_field (const char *name)
{
  const FieldInfo *info = find_field_info (name);

  return (info != NULL && info->server) || g_str_has_prefix (name, "modifiedBy");
}

static const Column *
table_columns (const char *key,
               guint      *n_columns)
{
  if (strcmp (key, "key") == 0)
    {
      *n_columns = G_N_ELEMENTS (input_columns);
      return input_columns;
    }
  if (strcmp (key, "outputReference") == 0)
    {
      *n_columns = G_N_ELEMENTS (output_columns);
      return output_columns;
    }

  *n_columns = G_N_ELEMENTS (name_value_columns);
  return name_value_columns;
}

static const char *
column_label (const Column *column)
{
  return column->context != NULL
         ? g_dpgettext2 (GETTEXT_PACKAGE, column->context, column->label)
         : _(column->label);
}

/* The title of a row of a table, by its name. */
static char *
row_title (const FieldInfo *info,
           const char      *name)
{
  const char *path = info->field.path;

  if (strcmp (path, "auth.oauthCustomHeaders") == 0)
    return g_strdup_printf (C_("a change", "Token Request Header “%s”"), name);
  if (strcmp (path, "auth.formUrlEncodedItems") == 0)
    return g_strdup_printf (C_("a change", "Token Request Form Item “%s”"), name);
  if (strcmp (path, "inputMappings") == 0)
    return g_strdup_printf (C_("a change", "Input Mapping “%s”"), name);
  if (strcmp (path, "outputMappings") == 0)
    return g_strdup_printf (C_("a change", "Output Mapping “%s”"), name);

  return g_strdup_printf (C_("a change", "Header “%s”"), name);
}

/* }}} */

/* {{{ Walking two versions */

typedef struct
{
  PbDiffFlags  flags;
  gboolean     whole_unkeyed_tables; /* for conflicts: no pairing by position */
  GPtrArray   *entries;
} Walk;

static char *
node_text (PbDiffNode *node)
{
  return node->type == PB_JSON_STRING ? g_strdup (node->string) : _pb_diff_node_to_json (node);
}

/* What to show of a value: its masked twin unless secrets are revealed. */
static PbDiffNode *
shown_node (Walk       *w,
            PbDiffNode *node,
            gboolean   *masked)
{
  if (node == NULL || (w->flags & PB_DIFF_REVEAL_SECRETS) != 0)
    return node;

  if (node->masked == NULL || !_pb_diff_node_equal (node, node->masked))
    *masked = TRUE;

  return node->masked;
}

static char *
shown_text (Walk       *w,
            PbDiffNode *node,
            gboolean   *masked)
{
  PbDiffNode *shown;

  if (node == NULL)
    return NULL;

  shown = shown_node (w, node, masked);
  /* Inside a value masked whole: nothing of it is shown. */
  if (shown == NULL)
    return g_strdup (PB_SECRET_MASK);

  return node_text (shown);
}

static gboolean
is_multiline (const char *text)
{
  return text != NULL
         && (strchr (text, '\n') != NULL || g_utf8_strlen (text, -1) > MULTILINE_LENGTH);
}

/* Adds an entry; takes the texts. */
static void
add_entry (Walk       *w,
           const char *path,
           char       *label,
           PbDiffNode *old_node,
           PbDiffNode *new_node,
           char       *old_text,
           char       *new_text,
           gboolean    masked)
{
  PbDiffEntry *entry = g_new0 (PbDiffEntry, 1);

  entry->kind = old_node == NULL ? PB_DIFF_ADDED
                : new_node == NULL ? PB_DIFF_REMOVED : PB_DIFF_CHANGED;
  entry->path = g_strdup (path);
  entry->label = label;
  entry->old_text = old_text;
  entry->new_text = new_text;
  entry->masked = masked;
  entry->multiline = is_multiline (old_text) || is_multiline (new_text);
  g_ptr_array_add (w->entries, entry);
}

/* An entry for a value compared as a whole. */
static void
add_value_entry (Walk       *w,
                 const char *path,
                 const char *label,
                 PbDiffNode *old_node,
                 PbDiffNode *new_node)
{
  gboolean masked = FALSE;
  char *old_text = shown_text (w, old_node, &masked);
  char *new_text = shown_text (w, new_node, &masked);

  add_entry (w, path, g_strdup (label), old_node, new_node, old_text, new_text, masked);
}

gboolean
_pb_diff_can_walk_into (PbDiffNode *a,
                        PbDiffNode *b,
                        PbJsonType  type)
{
  if ((a == NULL && b == NULL) || (a != NULL && a->type != type)
      || (b != NULL && b->type != type))
    return FALSE;

  return (a != NULL || b->children->len > 0) && (b != NULL || a->children->len > 0);
}

/* A row as people read it: "Accept: application/json" for a header, "Label: Email, Key: email,
 * …" for a mapping (what is masked, masked). */
static char *
row_text (Walk       *w,
          PbDiffNode *row,
          const char *key,
          gboolean   *masked)
{
  PbDiffNode *shown = shown_node (w, row, masked);
  const Column *columns;
  guint n_columns;
  GString *out;

  if (shown == NULL)
    return g_strdup (PB_SECRET_MASK);
  if (shown->type != PB_JSON_OBJECT)
    return node_text (shown);

  columns = table_columns (key, &n_columns);
  out = g_string_new (NULL);
  if (strcmp (key, "name") == 0)
    {
      PbDiffNode *name = _pb_diff_node_get_member (shown, "name");
      PbDiffNode *value = _pb_diff_node_get_member (shown, "value");

      if (name != NULL && value != NULL)
        {
          g_autofree char *name_text = node_text (name);
          g_autofree char *value_text = node_text (value);

          g_string_append_printf (out, "%s: %s", name_text, value_text);
          n_columns = 0;
          columns = NULL;
        }
    }

  for (guint i = 0; i < shown->children->len; i++)
    {
      PbDiffNode *member = g_ptr_array_index (shown->children, i);
      const char *label = member->name;
      g_autofree char *text = NULL;

      if (columns == NULL && (strcmp (member->name, "name") == 0
                              || strcmp (member->name, "value") == 0))
        continue;
      for (guint j = 0; j < n_columns; j++)
        if (strcmp (columns[j].name, member->name) == 0)
          label = column_label (&columns[j]);

      text = node_text (member);
      if (out->len > 0)
        g_string_append (out, ", ");
      /* Translators: a field and its value, as in "Key: email" */
      g_string_append_printf (out, _("%s: %s"), label, text);
    }

  return g_string_free (out, FALSE);
}

static void
add_row_entry (Walk       *w,
               const char *path,
               const char *label,
               const char *key,
               PbDiffNode *old_row,
               PbDiffNode *new_row)
{
  gboolean masked = FALSE;
  char *old_text = old_row != NULL ? row_text (w, old_row, key, &masked) : NULL;
  char *new_text = new_row != NULL ? row_text (w, new_row, key, &masked) : NULL;

  add_entry (w, path, g_strdup (label), old_row, new_row, old_text, new_text, masked);
}

/* An entry for the member `name` of two versions of a row, when it changed. */
static void
add_column_entry (Walk       *w,
                  const char *row_path,
                  const char *row_label,
                  const char *name,
                  const char *column_title,
                  PbDiffNode *old_row,
                  PbDiffNode *new_row)
{
  PbDiffNode *old_value = _pb_diff_node_get_member (old_row, name);
  PbDiffNode *new_value = _pb_diff_node_get_member (new_row, name);
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;

  if (_pb_diff_node_equal (old_value, new_value))
    return;

  path = g_strconcat (row_path, ".", name, NULL);
  /* Translators: a field and its value, as in "Key: email" */
  label = g_strdup_printf (_("%s: %s"), row_label, column_title);
  add_value_entry (w, path, label, old_value, new_value);
}

/* The columns of two versions of a row, in the order of the form, then the others. */
static void
walk_row (Walk       *w,
          const char *path,
          const char *label,
          const char *key,
          PbDiffNode *old_row,
          PbDiffNode *new_row)
{
  g_autoptr(GPtrArray) names = NULL;
  const Column *columns;
  guint n_columns;

  if (_pb_diff_node_equal (old_row, new_row))
    return;

  if (old_row == NULL || new_row == NULL
      || old_row->type != PB_JSON_OBJECT || new_row->type != PB_JSON_OBJECT)
    {
      add_row_entry (w, path, label, key, old_row, new_row);
      return;
    }

  columns = table_columns (key, &n_columns);
  for (guint i = 0; i < n_columns; i++)
    add_column_entry (w, path, label, columns[i].name, column_label (&columns[i]), old_row,
                      new_row);

  names = _pb_diff_member_names (new_row, old_row);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean known = FALSE;

      for (guint j = 0; j < n_columns; j++)
        known |= strcmp (columns[j].name, name) == 0;
      if (!known)
        add_column_entry (w, path, label, name, name, old_row, new_row);
    }
}

static void
walk_table (Walk            *w,
            const FieldInfo *info,
            const char      *path,
            PbDiffNode      *old_table,
            PbDiffNode      *new_table)
{
  const char *key = info->field.key;
  guint n_old = old_table != NULL ? old_table->children->len : 0;
  guint n_new = new_table != NULL ? new_table->children->len : 0;

  if (_pb_diff_table_is_keyed (old_table, new_table, key))
    {
      g_autoptr(GHashTable) old_rows = _pb_diff_table_index (old_table, key);
      g_autoptr(GHashTable) new_rows = _pb_diff_table_index (new_table, key);

      /* In the order of the new side, then the rows it removed. */
      for (guint side = 0; side < 2; side++)
        {
          PbDiffNode *table = side == 0 ? new_table : old_table;

          for (guint i = 0; table != NULL && i < table->children->len; i++)
            {
              PbDiffNode *row = g_ptr_array_index (table->children, i);
              const char *name = _pb_diff_node_get_member (row, key)->string;
              g_autofree char *row_path = NULL;
              g_autofree char *label = NULL;

              if (side == 1 && g_hash_table_contains (new_rows, name))
                continue;

              row_path = g_strdup_printf ("%s[%s]", path, name);
              label = row_title (info, name);
              walk_row (w, row_path, label, key, g_hash_table_lookup (old_rows, name),
                        g_hash_table_lookup (new_rows, name));
            }
        }
    }
  else if (w->whole_unkeyed_tables)
    add_value_entry (w, path, _(info->label), old_table, new_table);
  else
    {
      for (guint i = 0; i < MAX (n_old, n_new); i++)
        {
          g_autofree char *row_path = g_strdup_printf ("%s[%u]", path, i);
          /* Translators: a row of a table that cannot be named, as in "Headers, row 3" */
          g_autofree char *label = g_strdup_printf (C_("a change", "%s, row %u"), _(info->label),
                                                    i + 1);

          walk_row (w, row_path, label, key,
                    i < n_old ? g_ptr_array_index (old_table->children, i) : NULL,
                    i < n_new ? g_ptr_array_index (new_table->children, i) : NULL);
        }
    }
}

static void walk_object (Walk       *w,
                         const char *prefix,
                         PbDiffNode *old_object,
                         PbDiffNode *new_object);

static void
walk_field (Walk            *w,
            const FieldInfo *info,
            PbDiffNode      *old_value,
            PbDiffNode      *new_value)
{
  const char *path = info->field.path;

  if (_pb_diff_node_equal (old_value, new_value))
    return;

  if (info->field.shape == PB_DIFF_SHAPE_OBJECT
      && _pb_diff_can_walk_into (old_value, new_value, PB_JSON_OBJECT))
    walk_object (w, path, old_value, new_value);
  else if (info->field.shape == PB_DIFF_SHAPE_TABLE
           && _pb_diff_can_walk_into (old_value, new_value, PB_JSON_ARRAY))
    walk_table (w, info, path, old_value, new_value);
  else
    add_value_entry (w, path, _(info->label), old_value, new_value);
}

static gboolean
is_known_member (const char *prefix,
                 const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].parent, prefix) == 0 && strcmp (fields[i].name, name) == 0)
      return TRUE;

  return FALSE;
}

/* The members of two versions of an object (either may be missing): the fields of the form in
 * its order, then the members it does not know, in the order of the new side, then those only
 * the old side has. */
static void
walk_object (Walk       *w,
             const char *prefix,
             PbDiffNode *old_object,
             PbDiffNode *new_object)
{
  g_autoptr(GPtrArray) names = NULL;
  gboolean top = prefix == NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_strcmp0 (fields[i].parent, prefix) != 0)
        continue;
      if (fields[i].server && (w->flags & PB_DIFF_IGNORE_SERVER_FIELDS) != 0)
        continue;
      walk_field (w, &fields[i], _pb_diff_node_get_member (old_object, fields[i].name),
                  _pb_diff_node_get_member (new_object, fields[i].name));
    }

  names = _pb_diff_member_names (new_object, old_object);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      PbDiffNode *old_value = _pb_diff_node_get_member (old_object, name);
      PbDiffNode *new_value = _pb_diff_node_get_member (new_object, name);
      g_autofree char *path = NULL;

      if (is_known_member (prefix, name))
        continue;
      if (top && (w->flags & PB_DIFF_IGNORE_SERVER_FIELDS) != 0 && _pb_diff_is_server_field (name))
        continue;
      if (_pb_diff_node_equal (old_value, new_value))
        continue;

      path = top ? g_strdup (name) : g_strconcat (prefix, ".", name, NULL);
      add_value_entry (w, path, path, old_value, new_value);
    }
}

/* }}} */

static GPtrArray *
diff_docs (PbDiffDoc   *old_doc,
           PbDiffDoc   *new_doc,
           PbDiffFlags  flags,
           gboolean     whole_unkeyed_tables)
{
  Walk w = { flags, whole_unkeyed_tables, NULL };

  w.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_diff_entry_free);
  walk_object (&w, NULL, old_doc->root, new_doc->root);

  return w.entries;
}

GPtrArray *
pb_diff_connections (const char  *old_json,
                     const char  *new_json,
                     PbDiffFlags  flags,
                     GError     **error)
{
  PbDiffDoc *old_doc = NULL;
  PbDiffDoc *new_doc = NULL;
  PbDiffDoc *old_masked = NULL;
  PbDiffDoc *new_masked = NULL;
  GPtrArray *entries = NULL;

  g_return_val_if_fail (old_json != NULL, NULL);
  g_return_val_if_fail (new_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  old_doc = _pb_diff_doc_new (old_json, error);
  if (old_doc != NULL)
    new_doc = _pb_diff_doc_new (new_json, error);
  if (new_doc != NULL)
    {
      /* When masking fails, no node has a twin and every value shows as masked. */
      if ((flags & PB_DIFF_REVEAL_SECRETS) == 0
          && !(_pb_diff_doc_mask (old_doc, &old_masked)
               && _pb_diff_doc_mask (new_doc, &new_masked)))
        g_warn_if_reached ();
      entries = diff_docs (old_doc, new_doc, flags, FALSE);
    }

  _pb_diff_doc_free (old_masked);
  _pb_diff_doc_free (new_masked);
  _pb_diff_doc_free (old_doc);
  _pb_diff_doc_free (new_doc);

  return entries;
}

GPtrArray *
_pb_diff_changed_paths (PbDiffDoc *old_doc,
                        PbDiffDoc *new_doc)
{
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  entries = diff_docs (old_doc, new_doc,
                       PB_DIFF_IGNORE_SERVER_FIELDS | PB_DIFF_REVEAL_SECRETS, TRUE);
  for (guint i = 0; i < entries->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (paths, g_steal_pointer (&entry->path));
    }

  return paths;
}
