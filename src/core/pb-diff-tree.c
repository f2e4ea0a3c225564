/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The values of a connection's JSON text as a tree that remembers where each value is in the
 * text, for comparing (numbers by their text) and for writing unchanged values back as they
 * were received. */
#define G_LOG_DOMAIN "pb-diff"

#include "config.h"

#include <string.h>

#include "pb-diff-private.h"
#include "pb-export-private.h"

/* Objects with more members than this get a name index. */
#define INDEX_THRESHOLD 16

static void
node_free (PbDiffNode *node)
{
  g_free (node->name);
  g_free (node->string);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->index, g_hash_table_unref);
  g_free (node);
}

static PbDiffNode *
doc_add_node (PbDiffDoc  *doc,
              PbJsonType  type)
{
  PbDiffNode *node = g_new0 (PbDiffNode, 1);

  node->type = type;
  node->text = doc->text;
  g_ptr_array_add (doc->nodes, node);

  return node;
}

/* The value under the cursor and everything inside it. Checked text is at most
 * PB_JSON_MAX_DEPTH deep, which bounds the recursion. */
static PbDiffNode *
read_value (PbDiffDoc    *doc,
            PbJsonReader *reader)
{
  PbDiffNode *node = doc_add_node (doc, pb_json_reader_get_value_type (reader));
  PbTextSpan span = { 0, 0 };

  pb_json_reader_get_value_span (reader, &span);
  node->start = span.start;
  node->end = span.end;
  node->name = pb_json_reader_dup_member_name (reader);

  if (node->type == PB_JSON_STRING)
    node->string = pb_json_reader_dup_string (reader);
  else if (node->type == PB_JSON_OBJECT || node->type == PB_JSON_ARRAY)
    {
      node->children = g_ptr_array_new ();
      for (gboolean more = node->type == PB_JSON_OBJECT
                           ? pb_json_reader_start_object (reader)
                           : pb_json_reader_start_array (reader);
           more; more = pb_json_reader_next (reader))
        g_ptr_array_add (node->children, read_value (doc, reader));
      pb_json_reader_end (reader);
    }

  return node;
}

PbDiffDoc *
_pb_diff_doc_new (const char  *json,
                  GError     **error)
{
  g_autoptr(PbJsonReader) reader = NULL;
  PbDiffDoc *doc;

  g_return_val_if_fail (json != NULL, NULL);

  reader = pb_json_reader_new (json, strlen (json), PB_JSON_CHECK_DEFAULT, error);
  if (reader == NULL)
    return NULL;

  if (pb_json_reader_get_value_type (reader) != PB_JSON_OBJECT)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                           "A connection is a JSON object");
      return NULL;
    }

  doc = g_new0 (PbDiffDoc, 1);
  doc->text = g_strdup (json);
  doc->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  /* The reader walks `json`; the spans are the same in the copy. */
  doc->root = read_value (doc, reader);

  return doc;
}

void
_pb_diff_doc_free (PbDiffDoc *doc)
{
  if (doc == NULL)
    return;

  g_ptr_array_unref (doc->nodes);
  g_free (doc->text);
  g_free (doc);
}

PbDiffNode *
_pb_diff_doc_add_container (PbDiffDoc  *doc,
                            PbJsonType  type)
{
  PbDiffNode *node;

  g_return_val_if_fail (type == PB_JSON_OBJECT || type == PB_JSON_ARRAY, NULL);

  node = doc_add_node (doc, type);
  node->children = g_ptr_array_new ();
  node->edited = TRUE;

  return node;
}

/* Masking changes values only, never where they are: an object or array keeps its members
 * and elements, in order, unless it is masked whole (then it is a string). */
static void
pair_masked (PbDiffNode *node,
             PbDiffNode *masked)
{
  node->masked = masked;

  if (node->children == NULL || masked->type != node->type
      || masked->children->len != node->children->len)
    return;

  for (guint i = 0; i < node->children->len; i++)
    pair_masked (g_ptr_array_index (node->children, i),
                 g_ptr_array_index (masked->children, i));
}

gboolean
_pb_diff_doc_mask (PbDiffDoc  *doc,
                   PbDiffDoc **masked_out)
{
  g_autofree char *masked_text = _pb_export_mask_text (doc->text);
  PbDiffDoc *masked = NULL;

  *masked_out = NULL;
  if (masked_text != NULL)
    masked = _pb_diff_doc_new (masked_text, NULL);
  if (masked == NULL)
    return FALSE;

  pair_masked (doc->root, masked->root);
  *masked_out = masked;

  return TRUE;
}

PbDiffNode *
_pb_diff_node_get_member (PbDiffNode *node,
                          const char *name)
{
  if (node == NULL || node->type != PB_JSON_OBJECT || name == NULL)
    return NULL;

  if (node->children->len > INDEX_THRESHOLD)
    {
      if (node->index == NULL)
        {
          node->index = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < node->children->len; i++)
            {
              PbDiffNode *child = g_ptr_array_index (node->children, i);

              g_hash_table_replace (node->index, child->name, child);
            }
        }
      return g_hash_table_lookup (node->index, name);
    }

  for (guint i = node->children->len; i > 0; i--)
    {
      PbDiffNode *child = g_ptr_array_index (node->children, i - 1);

      if (strcmp (child->name, name) == 0)
        return child;
    }

  return NULL;
}

void
_pb_diff_node_set_member (PbDiffNode *object,
                          const char *name,
                          PbDiffNode *value)
{
  PbDiffNode *current = _pb_diff_node_get_member (object, name);

  object->edited = TRUE;

  if (value == NULL)
    {
      guint kept = 0;

      if (current == NULL)
        return;
      for (guint i = 0; i < object->children->len; i++)
        {
          PbDiffNode *child = g_ptr_array_index (object->children, i);

          if (strcmp (child->name, name) != 0)
            object->children->pdata[kept++] = child;
        }
      g_ptr_array_set_size (object->children, kept);
      if (object->index != NULL)
        g_hash_table_remove (object->index, name);
      return;
    }

  g_return_if_fail (g_strcmp0 (value->name, name) == 0);

  if (current != NULL)
    {
      guint index = 0;

      g_ptr_array_find (object->children, current, &index);
      object->children->pdata[index] = value;
    }
  else
    g_ptr_array_add (object->children, value);

  if (object->index != NULL)
    g_hash_table_replace (object->index, value->name, value);
}

/* The members of an object that count: the last of each name (as json-glib reads it). */
static gboolean
is_last_of_its_name (PbDiffNode *object,
                     PbDiffNode *member)
{
  return _pb_diff_node_get_member (object, member->name) == member;
}

GPtrArray *
_pb_diff_member_names (PbDiffNode *first,
                       PbDiffNode *second)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint side = 0; side < 2; side++)
    {
      PbDiffNode *object = side == 0 ? first : second;

      if (object == NULL || object->type != PB_JSON_OBJECT)
        continue;

      for (guint i = 0; i < object->children->len; i++)
        {
          PbDiffNode *member = g_ptr_array_index (object->children, i);

          if (is_last_of_its_name (object, member)
              && (side == 0 || _pb_diff_node_get_member (first, member->name) == NULL))
            g_ptr_array_add (names, member->name);
        }
    }

  return names;
}

static gboolean
object_equal (PbDiffNode *a,
              PbDiffNode *b)
{
  guint n_a = 0;
  guint n_b = 0;

  for (guint i = 0; i < a->children->len; i++)
    {
      PbDiffNode *member = g_ptr_array_index (a->children, i);

      if (!is_last_of_its_name (a, member))
        continue;
      if (!_pb_diff_node_equal (member, _pb_diff_node_get_member (b, member->name)))
        return FALSE;
      n_a++;
    }

  for (guint i = 0; i < b->children->len; i++)
    if (is_last_of_its_name (b, g_ptr_array_index (b->children, i)))
      n_b++;

  return n_a == n_b;
}

gboolean
_pb_diff_node_equal (PbDiffNode *a,
                     PbDiffNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->type != b->type)
    return FALSE;

  switch (a->type)
    {
    case PB_JSON_STRING:
      return strcmp (a->string, b->string) == 0;

    case PB_JSON_OBJECT:
      return object_equal (a, b);

    case PB_JSON_ARRAY:
      if (a->children->len != b->children->len)
        return FALSE;
      for (guint i = 0; i < a->children->len; i++)
        if (!_pb_diff_node_equal (g_ptr_array_index (a->children, i),
                                  g_ptr_array_index (b->children, i)))
          return FALSE;
      return TRUE;

    case PB_JSON_NONE:
    case PB_JSON_NULL:
    case PB_JSON_BOOLEAN:
    case PB_JSON_NUMBER:
    default:
      /* Their text, as received: 18446744073709551616 is not 18446744073709551615. */
      return a->end - a->start == b->end - b->start
             && memcmp (a->text + a->start, b->text + b->start, a->end - a->start) == 0;
    }
}

/* A member name as a JSON string. */
static void
append_quoted (GString    *out,
               const char *name)
{
  g_string_append_c (out, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

void
_pb_diff_node_append_json (PbDiffNode *node,
                           GString    *out)
{
  if (!node->edited)
    {
      g_autofree char *compact = pb_json_text_compact (node->text + node->start,
                                                       node->end - node->start,
                                                       PB_JSON_CHECK_DEFAULT, NULL);

      g_return_if_fail (compact != NULL);
      g_string_append (out, compact);
      return;
    }

  g_string_append_c (out, node->type == PB_JSON_OBJECT ? '{' : '[');
  for (guint i = 0; i < node->children->len; i++)
    {
      PbDiffNode *child = g_ptr_array_index (node->children, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (node->type == PB_JSON_OBJECT)
        {
          append_quoted (out, child->name);
          g_string_append_c (out, ':');
        }
      _pb_diff_node_append_json (child, out);
    }
  g_string_append_c (out, node->type == PB_JSON_OBJECT ? '}' : ']');
}

char *
_pb_diff_node_to_json (PbDiffNode *node)
{
  GString *out = g_string_new (NULL);

  _pb_diff_node_append_json (node, out);

  return g_string_free (out, FALSE);
}

/* {{{ Tables */

static const char *
row_key (PbDiffNode *row,
         const char *key)
{
  PbDiffNode *member = _pb_diff_node_get_member (row, key);

  return member != NULL && member->type == PB_JSON_STRING ? member->string : NULL;
}

static gboolean
side_is_keyed (PbDiffNode *table,
               const char *key)
{
  g_autoptr(GHashTable) seen = NULL;

  if (table == NULL)
    return TRUE;
  if (table->type != PB_JSON_ARRAY)
    return FALSE;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < table->children->len; i++)
    {
      const char *name = row_key (g_ptr_array_index (table->children, i), key);

      if (name == NULL || !g_hash_table_add (seen, (char *) name))
        return FALSE;
    }

  return TRUE;
}

gboolean
_pb_diff_table_is_keyed (PbDiffNode *a,
                         PbDiffNode *b,
                         const char *key)
{
  return side_is_keyed (a, key) && side_is_keyed (b, key);
}

GHashTable *
_pb_diff_table_index (PbDiffNode *table,
                      const char *key)
{
  GHashTable *rows = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; table != NULL && table->type == PB_JSON_ARRAY && i < table->children->len; i++)
    {
      PbDiffNode *row = g_ptr_array_index (table->children, i);
      const char *name = row_key (row, key);

      if (name != NULL)
        g_hash_table_insert (rows, (char *) name, row);
    }

  return rows;
}

/* }}} */
