/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conflicts: whether two edits of the same version touch the same fields, and one of them
 * applied onto the other, member by member and row by row (rows paired by name, as the
 * differences pair them), with every value the edit did not touch written as received. */
#define G_LOG_DOMAIN "pb-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-diff-private.h"

/* Whether one path is the other or inside it: a prefix that ends where a member name or a row
 * of the other starts. */
static gboolean
paths_overlap (const char *a,
               const char *b)
{
  gsize length_a = strlen (a);
  gsize length_b = strlen (b);
  const char *shorter = length_a <= length_b ? a : b;
  const char *longer = length_a <= length_b ? b : a;
  gsize length = MIN (length_a, length_b);

  return strncmp (shorter, longer, length) == 0
         && (longer[length] == '\0' || longer[length] == '.' || longer[length] == '[');
}

/* The first path of `mine` that overlaps one of `theirs`, or NULL. */
static const char *
find_overlap (GPtrArray *mine,
              GPtrArray *theirs)
{
  for (guint i = 0; i < mine->len; i++)
    for (guint j = 0; j < theirs->len; j++)
      if (paths_overlap (g_ptr_array_index (mine, i), g_ptr_array_index (theirs, j)))
        return g_ptr_array_index (mine, i);

  return NULL;
}

typedef struct
{
  PbDiffDoc *base;
  PbDiffDoc *mine;
  PbDiffDoc *theirs;
} Docs;

static void
docs_clear (Docs *docs)
{
  g_clear_pointer (&docs->base, _pb_diff_doc_free);
  g_clear_pointer (&docs->mine, _pb_diff_doc_free);
  g_clear_pointer (&docs->theirs, _pb_diff_doc_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Docs, docs_clear)

static gboolean
docs_load (Docs        *docs,
           const char  *base,
           const char  *mine,
           const char  *theirs,
           GError     **error)
{
  return (docs->base = _pb_diff_doc_new (base, error)) != NULL
         && (docs->mine = _pb_diff_doc_new (mine, error)) != NULL
         && (docs->theirs = _pb_diff_doc_new (theirs, error)) != NULL;
}

/* TRUE when the changes overlap (with the error said), FALSE with `error` unset when they do
 * not; FALSE with it set when a text is not a connection. */
static gboolean
check_overlap (Docs    *docs,
               GError **error)
{
  g_autoptr(GPtrArray) mine = _pb_diff_changed_paths (docs->base, docs->mine);
  g_autoptr(GPtrArray) theirs = _pb_diff_changed_paths (docs->base, docs->theirs);
  const char *overlap = find_overlap (mine, theirs);

  if (overlap == NULL)
    return FALSE;

  g_debug ("Both versions changed %s", overlap);
  g_set_error_literal (error, PB_DIFF_ERROR, PB_DIFF_ERROR_OVERLAP,
                       _("The connection was changed on the server in the same fields as "
                         "your changes."));
  return TRUE;
}

gboolean
pb_diff_overlaps (const char  *base,
                  const char  *mine,
                  const char  *theirs,
                  GError     **error)
{
  g_auto(Docs) docs = { NULL };

  g_return_val_if_fail (base != NULL, FALSE);
  g_return_val_if_fail (mine != NULL, FALSE);
  g_return_val_if_fail (theirs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!docs_load (&docs, base, mine, theirs, error))
    return FALSE;

  return check_overlap (&docs, NULL);
}

/* {{{ Re-applying */

/* Puts `value` (a member of another document, named as it is here) in place of the last
 * member of its name, or last; NULL removes every member of `name`. */
static void
set_member (PbDiffNode *object,
            const char *name,
            PbDiffNode *value)
{
  PbDiffNode *current = _pb_diff_node_get_member (object, name);

  g_clear_pointer (&object->index, g_hash_table_unref);
  object->edited = TRUE;

  if (value == NULL)
    {
      for (guint i = object->children->len; i > 0; i--)
        if (strcmp (((PbDiffNode *) g_ptr_array_index (object->children, i - 1))->name,
                    name) == 0)
          g_ptr_array_remove_index (object->children, i - 1);
      return;
    }

  if (current != NULL)
    {
      guint index = 0;

      g_ptr_array_find (object->children, current, &index);
      object->children->pdata[index] = value;
    }
  else
    g_ptr_array_add (object->children, value);
}

/* The member `name` of `object` as a container of `type`, made (empty, last) when missing. */
static PbDiffNode *
ensure_container (PbDiffDoc  *doc,
                  PbDiffNode *object,
                  const char *name,
                  PbJsonType  type)
{
  PbDiffNode *member = _pb_diff_node_get_member (object, name);

  if (member != NULL && member->type == type)
    return member;

  member = _pb_diff_doc_add_container (doc, type);
  member->name = g_strdup (name);
  set_member (object, name, member);

  return member;
}

static const char *
row_name (PbDiffNode *row,
          const char *key)
{
  return _pb_diff_node_get_member (row, key)->string;
}

/* The changes of a row from base to mine, column by column, onto theirs'. */
static void
apply_row (PbDiffNode *base_row,
           PbDiffNode *mine_row,
           PbDiffNode *theirs_row)
{
  for (guint side = 0; side < 2; side++)
    {
      PbDiffNode *row = side == 0 ? mine_row : base_row;

      for (guint i = 0; i < row->children->len; i++)
        {
          PbDiffNode *member = g_ptr_array_index (row->children, i);
          PbDiffNode *mine_value = _pb_diff_node_get_member (mine_row, member->name);

          if (!_pb_diff_node_equal (_pb_diff_node_get_member (base_row, member->name),
                                    mine_value))
            set_member (theirs_row, member->name, mine_value);
        }
    }
}

/* The rows mine added, removed or changed (paired by `key`), onto theirs' table. */
static void
apply_table (PbDiffNode *base,
             PbDiffNode *mine,
             PbDiffNode *theirs,
             const char *key)
{
  theirs->edited = TRUE;

  for (guint i = 0; mine != NULL && i < mine->children->len; i++)
    {
      PbDiffNode *row = g_ptr_array_index (mine->children, i);
      const char *name = row_name (row, key);
      PbDiffNode *base_row = _pb_diff_table_find_row (base, key, name);
      PbDiffNode *theirs_row = _pb_diff_table_find_row (theirs, key, name);

      if (_pb_diff_node_equal (base_row, row))
        continue;

      if (base_row != NULL && theirs_row != NULL)
        {
          theirs_row->edited = TRUE;
          apply_row (base_row, row, theirs_row);
        }
      else if (theirs_row != NULL)
        {
          guint index = 0;

          g_ptr_array_find (theirs->children, theirs_row, &index);
          theirs->children->pdata[index] = row;
        }
      else
        g_ptr_array_add (theirs->children, row);
    }

  for (guint i = 0; base != NULL && i < base->children->len; i++)
    {
      const char *name = row_name (g_ptr_array_index (base->children, i), key);
      PbDiffNode *theirs_row;

      if (_pb_diff_table_find_row (mine, key, name) != NULL)
        continue;
      theirs_row = _pb_diff_table_find_row (theirs, key, name);
      if (theirs_row != NULL)
        g_ptr_array_remove (theirs->children, theirs_row);
    }
}

/* The members mine changed from base (either may be missing), onto theirs' object: objects
 * the form shows field by field and tables paired by name are walked into, as the differences
 * are; anything else is set or removed whole. */
static void
apply_object (PbDiffDoc  *doc,
              const char *prefix,
              PbDiffNode *base,
              PbDiffNode *mine,
              PbDiffNode *theirs)
{
  for (guint side = 0; side < 2; side++)
    {
      PbDiffNode *object = side == 0 ? mine : base;

      for (guint i = 0; object != NULL && i < object->children->len; i++)
        {
          PbDiffNode *member = g_ptr_array_index (object->children, i);
          PbDiffNode *base_value = _pb_diff_node_get_member (base, member->name);
          PbDiffNode *mine_value = _pb_diff_node_get_member (mine, member->name);
          g_autofree char *path = NULL;
          const PbDiffField *field;

          /* Each name once; the server's fields stay theirs. */
          if (side == 0 ? mine_value != member : base_value != member || mine_value != NULL)
            continue;
          if (prefix == NULL && _pb_diff_is_server_field (member->name))
            continue;
          if (_pb_diff_node_equal (base_value, mine_value))
            continue;

          path = prefix == NULL ? g_strdup (member->name)
                                : g_strconcat (prefix, ".", member->name, NULL);
          field = _pb_diff_find_field (path);

          if (field != NULL && field->shape == PB_DIFF_SHAPE_OBJECT
              && _pb_diff_can_walk_into (base_value, mine_value, PB_JSON_OBJECT))
            {
              PbDiffNode *target = ensure_container (doc, theirs, member->name, PB_JSON_OBJECT);

              theirs->edited = target->edited = TRUE;
              apply_object (doc, path, base_value, mine_value, target);
            }
          else if (field != NULL && field->shape == PB_DIFF_SHAPE_TABLE
                   && _pb_diff_can_walk_into (base_value, mine_value, PB_JSON_ARRAY)
                   && _pb_diff_table_is_keyed (base_value, mine_value, field->key)
                   && _pb_diff_table_is_keyed (base_value,
                                               _pb_diff_node_get_member (theirs, member->name),
                                               field->key))
            {
              PbDiffNode *target = ensure_container (doc, theirs, member->name, PB_JSON_ARRAY);

              theirs->edited = TRUE;
              apply_table (base_value, mine_value, target, field->key);
            }
          else
            set_member (theirs, member->name, mine_value);
        }
    }
}

/* }}} */

char *
pb_diff_reapply (const char  *base,
                 const char  *mine,
                 const char  *theirs,
                 GError     **error)
{
  g_auto(Docs) docs = { NULL };

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (mine != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!docs_load (&docs, base, mine, theirs, error) || check_overlap (&docs, error))
    return NULL;

  apply_object (docs.theirs, NULL, docs.base->root, docs.mine->root, docs.theirs->root);

  return _pb_diff_node_to_json (docs.theirs->root);
}
