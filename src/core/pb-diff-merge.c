/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conflicts: whether two edits of the same version touch the same fields, and one of them
 * applied onto the other, member by member and row by row (rows paired by name, as the
 * differences pair them), with every value the edit did not touch written as received. */
#define G_LOG_DOMAIN "pb-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-diff-private.h"

/* Adds `path` and each of its prefixes that ends where a member name or a row starts (before a
 * '.' or a '['): "auth", "auth.oauthCustomHeaders" and "auth.oauthCustomHeaders[X]" of
 * "auth.oauthCustomHeaders[X].value". */
static void
add_prefixes (GHashTable *set,
              const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    if (p > path && (*p == '.' || *p == '['))
      g_hash_table_add (set, g_strndup (path, p - path));
  g_hash_table_add (set, g_strdup (path));
}

/* A path of `theirs` that overlaps one of `mine`, or NULL: one is the other, or a prefix of it
 * that ends where a member name or a row starts. Linear in the length of the paths. */
static const char *
find_overlap (GPtrArray *mine,
              GPtrArray *theirs)
{
  g_autoptr(GHashTable) mine_prefixes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);
  g_autoptr(GHashTable) mine_paths = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < mine->len; i++)
    {
      add_prefixes (mine_prefixes, g_ptr_array_index (mine, i));
      g_hash_table_add (mine_paths, g_ptr_array_index (mine, i));
    }

  for (guint j = 0; j < theirs->len; j++)
    {
      const char *path = g_ptr_array_index (theirs, j);

      /* Theirs is one of mine or holds one of mine. */
      if (g_hash_table_contains (mine_prefixes, path))
        return path;

      /* One of mine holds theirs. */
      for (const char *p = path; *p != '\0'; p++)
        if (p > path && (*p == '.' || *p == '['))
          {
            g_autofree char *prefix = g_strndup (path, p - path);

            if (g_hash_table_contains (mine_paths, prefix))
              return path;
          }
    }

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
  _pb_diff_node_set_member (object, name, member);

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
  g_autoptr(GPtrArray) names = _pb_diff_member_names (mine_row, base_row);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      PbDiffNode *mine_value = _pb_diff_node_get_member (mine_row, name);

      if (!_pb_diff_node_equal (_pb_diff_node_get_member (base_row, name), mine_value))
        _pb_diff_node_set_member (theirs_row, name, mine_value);
    }
}

/* The rows mine added, removed or changed (paired by `key`), onto theirs' table: a changed
 * row column by column, a new one last, a removed one gone. */
static void
apply_table (PbDiffNode *base,
             PbDiffNode *mine,
             PbDiffNode *theirs,
             const char *key)
{
  g_autoptr(GHashTable) base_rows = _pb_diff_table_index (base, key);
  g_autoptr(GHashTable) mine_rows = _pb_diff_table_index (mine, key);
  g_autoptr(GHashTable) theirs_rows = _pb_diff_table_index (theirs, key);
  guint kept = 0;

  theirs->edited = TRUE;

  for (guint i = 0; mine != NULL && i < mine->children->len; i++)
    {
      PbDiffNode *row = g_ptr_array_index (mine->children, i);
      const char *name = row_name (row, key);
      PbDiffNode *base_row = g_hash_table_lookup (base_rows, name);
      PbDiffNode *theirs_row = g_hash_table_lookup (theirs_rows, name);

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

  /* The rows mine removed. */
  for (guint i = 0; i < theirs->children->len; i++)
    {
      PbDiffNode *row = g_ptr_array_index (theirs->children, i);
      const char *name = row_name (row, key);

      if (!g_hash_table_contains (base_rows, name) || g_hash_table_contains (mine_rows, name))
        theirs->children->pdata[kept++] = row;
    }
  g_ptr_array_set_size (theirs->children, kept);
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
  g_autoptr(GPtrArray) names = _pb_diff_member_names (mine, base);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      PbDiffNode *base_value = _pb_diff_node_get_member (base, name);
      PbDiffNode *mine_value = _pb_diff_node_get_member (mine, name);
      g_autofree char *path = NULL;
      const PbDiffField *field;

      /* The server's fields stay theirs. */
      if (prefix == NULL && _pb_diff_is_server_field (name))
        continue;
      if (_pb_diff_node_equal (base_value, mine_value))
        continue;

      path = prefix == NULL ? g_strdup (name) : g_strconcat (prefix, ".", name, NULL);
      field = _pb_diff_find_field (path);

      if (field != NULL && field->shape == PB_DIFF_SHAPE_OBJECT
          && _pb_diff_can_walk_into (base_value, mine_value, PB_JSON_OBJECT))
        {
          PbDiffNode *target = ensure_container (doc, theirs, name, PB_JSON_OBJECT);

          theirs->edited = target->edited = TRUE;
          apply_object (doc, path, base_value, mine_value, target);
        }
      else if (field != NULL && field->shape == PB_DIFF_SHAPE_TABLE
               && _pb_diff_can_walk_into (base_value, mine_value, PB_JSON_ARRAY)
               && _pb_diff_table_is_keyed (base_value, mine_value, field->key)
               && _pb_diff_table_is_keyed (base_value, _pb_diff_node_get_member (theirs, name),
                                           field->key))
        {
          PbDiffNode *target = ensure_container (doc, theirs, name, PB_JSON_ARRAY);

          theirs->edited = TRUE;
          apply_table (base_value, mine_value, target, field->key);
        }
      else
        _pb_diff_node_set_member (theirs, name, mine_value);
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
