/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-flags"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-compare-private.h"
#include "pb-connection.h"
#include "pb-diff-private.h"
#include "pb-secret.h"

/* Self-references: values of a source connection that point at the source tenant itself. The
 * connection is read as pb-diff reads it (PbDiffDoc, with its masked twin for what is shown),
 * so that paths and masking are the difference view's. */

G_DEFINE_BOXED_TYPE (PbSelfReference, pb_self_reference,
                     pb_self_reference_copy, pb_self_reference_free)

PbSelfReference *
pb_self_reference_copy (const PbSelfReference *ref)
{
  PbSelfReference *copy;

  g_return_val_if_fail (ref != NULL, NULL);

  copy = g_new0 (PbSelfReference, 1);
  copy->kind = ref->kind;
  copy->path = g_strdup (ref->path);
  copy->value = g_strdup (ref->value);
  copy->reason = g_strdup (ref->reason);
  return copy;
}

void
pb_self_reference_free (PbSelfReference *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->path);
  g_free (ref->value);
  g_free (ref->reason);
  g_free (ref);
}

/* {{{ Looking at one value */

static gboolean
is_uuid_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

gboolean
_pb_compare_next_uuid (const char *text,
                       gsize      *pos,
                       char        out[37])
{
  static const guint groups[] = { 8, 4, 4, 4, 12 };
  gsize length = strlen (text);

  for (gsize i = *pos; i + 36 <= length; i++)
    {
      gsize j = i;
      gboolean ok = i == 0 || !is_uuid_char (text[i - 1]);

      for (guint g = 0; ok && g < G_N_ELEMENTS (groups); g++)
        {
          for (guint k = 0; ok && k < groups[g]; k++, j++)
            ok = g_ascii_isxdigit (text[j]);
          if (ok && g + 1 < G_N_ELEMENTS (groups))
            ok = text[j++] == '-';
        }
      if (!ok || (j < length && is_uuid_char (text[j])))
        continue;
      for (guint k = 0; k < 36; k++)
        out[k] = g_ascii_tolower (text[i + k]);
      out[36] = '\0';
      *pos = j;
      return TRUE;
    }
  return FALSE;
}

/* The host of a base URL, lower case, or NULL. */
static char *
dup_host (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;

  if (base_url == NULL || base_url[0] == '\0')
    return NULL;
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;
  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

/* Whether `value` holds a URL whose host is `host`: "//host" followed by the end of the
 * host (a port, a path, a query, a quote, white space…). */
static gboolean
has_url_on_host (const char *value,
                 const char *host)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_autofree char *needle = g_strconcat ("//", host, NULL);
  gsize needle_len = strlen (needle);

  for (const char *at = strstr (lower, needle); at != NULL; at = strstr (at + 1, needle))
    {
      char next = at[needle_len];

      if (!g_ascii_isalnum (next) && next != '.' && next != '-' && next != '_')
        return TRUE;
    }
  return FALSE;
}

/* }}} */
/* {{{ Walking the connection */

typedef struct
{
  const char *host;          /* or NULL */
  GHashTable *target_uuids;  /* or NULL */
  GPtrArray  *found;         /* of PbSelfReference */
} Walk;

static void
add (Walk                *walk,
     PbSelfReferenceKind  kind,
     const char          *path,
     PbDiffNode          *node,
     char                *reason)
{
  PbSelfReference *ref = g_new0 (PbSelfReference, 1);

  ref->kind = kind;
  ref->path = g_strdup (path);
  /* What the masked document has in its place; a value inside a masked whole is hidden. */
  if (node->masked != NULL && node->masked->type == PB_JSON_STRING)
    ref->value = g_strdup (node->masked->string);
  else
    ref->value = g_strdup (PB_SECRET_MASK);
  ref->reason = reason;
  g_ptr_array_add (walk->found, ref);
}

static void
look_at (Walk       *walk,
         const char *path,
         PbDiffNode *node)
{
  const char *value = node->string;
  gsize pos = 0;
  char uuid[37];

  if (walk->host != NULL && has_url_on_host (value, walk->host))
    /* TRANSLATORS: %s is a host name, e.g. api-engage-eu.sitecorecloud.io */
    add (walk, PB_SELF_REFERENCE_HOST, path, node,
         g_strdup_printf (_("This calls the source account’s own API at %s: in the target "
                            "account it would still call the source."), walk->host));

  while (walk->target_uuids != NULL && _pb_compare_next_uuid (value, &pos, uuid))
    if (!g_hash_table_contains (walk->target_uuids, uuid))
      {
        /* TRANSLATORS: %s is a reference such as 36b56832-e5b4-46ac-856d-7ae2dd26e94c */
        add (walk, PB_SELF_REFERENCE_UUID, path, node,
             g_strdup_printf (_("The reference %s occurs nowhere in the target account’s "
                                "connections: it probably names something that exists only "
                                "in the source account."), uuid));
        break;
      }

  if (strstr (value, PB_SECRET_MASK) != NULL)
    add (walk, PB_SELF_REFERENCE_MASK, path, node,
         g_strdup (_("This value was hidden when the connection was exported: copying it "
                     "would write the mask, not the value.")));
}

/* The name of a row of a table for its path: its key member when that is a string no other
 * row has, else NULL (the row goes by its position, as in pb-diff). */
static const char *
row_name (PbDiffNode *table,
          PbDiffNode *row,
          const char *key)
{
  PbDiffNode *name = _pb_diff_node_get_member (row, key);

  if (name == NULL || name->type != PB_JSON_STRING || name->string[0] == '\0')
    return NULL;
  for (guint i = 0; i < table->children->len; i++)
    {
      PbDiffNode *other = g_ptr_array_index (table->children, i);
      PbDiffNode *other_name;

      if (other == row)
        continue;
      other_name = _pb_diff_node_get_member (other, key);
      if (other_name != NULL && other_name->type == PB_JSON_STRING
          && strcmp (other_name->string, name->string) == 0)
        return NULL;
    }
  return name->string;
}

static void
walk_node (Walk       *walk,
           const char *path,
           PbDiffNode *node)
{
  const PbDiffField *field;

  switch (node->type)
    {
    case PB_JSON_STRING:
      look_at (walk, path, node);
      return;
    case PB_JSON_OBJECT:
      for (guint i = 0; i < node->children->len; i++)
        {
          PbDiffNode *child = g_ptr_array_index (node->children, i);
          g_autofree char *child_path = NULL;

          if (path[0] == '\0' && _pb_diff_is_server_field (child->name))
            continue;
          child_path = path[0] == '\0' ? g_strdup (child->name)
                                       : g_strconcat (path, ".", child->name, NULL);
          walk_node (walk, child_path, child);
        }
      return;
    case PB_JSON_ARRAY:
      field = _pb_diff_find_field (path);
      for (guint i = 0; i < node->children->len; i++)
        {
          PbDiffNode *child = g_ptr_array_index (node->children, i);
          const char *name = NULL;
          g_autofree char *child_path = NULL;

          if (field != NULL && field->shape == PB_DIFF_SHAPE_TABLE
              && child->type == PB_JSON_OBJECT)
            name = row_name (node, child, field->key);
          if (name != NULL)
            child_path = g_strdup_printf ("%s[%s]", path, name);
          else
            child_path = g_strdup_printf ("%s[%u]", path, i);
          walk_node (walk, child_path, child);
        }
      return;
    case PB_JSON_NONE:
    case PB_JSON_NULL:
    case PB_JSON_BOOLEAN:
    case PB_JSON_NUMBER:
    default:
      return;
    }
}

GPtrArray *
_pb_compare_find_self_references_json (const char *json,
                                       const char *base_url,
                                       GHashTable *target_uuids,
                                       gboolean    with_values)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = dup_host (base_url);
  PbDiffDoc *doc;
  PbDiffDoc *masked = NULL;
  Walk walk = { host, target_uuids, NULL };

  doc = _pb_diff_doc_new (json != NULL ? json : "", &error);
  if (doc == NULL)
    {
      g_debug ("No self-references: %s", error->message);
      return NULL;
    }
  if (with_values && !_pb_diff_doc_mask (doc, &masked))
    g_debug ("The connection could not be masked: every flagged value shows as a mask");

  walk.found = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_self_reference_free);
  walk_node (&walk, "", doc->root);

  if (masked != NULL)
    _pb_diff_doc_free (masked);
  _pb_diff_doc_free (doc);
  return walk.found;
}

/* }}} */

GPtrArray *
pb_compare_find_self_references (PbConnection *source,
                                 const char   *source_base_url,
                                 GHashTable   *target_uuids)
{
  GPtrArray *found;

  g_return_val_if_fail (PB_IS_CONNECTION (source), NULL);

  found = _pb_compare_find_self_references_json (pb_connection_get_json (source),
                                                 source_base_url, target_uuids, TRUE);
  if (found == NULL)
    found = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_self_reference_free);
  return found;
}
