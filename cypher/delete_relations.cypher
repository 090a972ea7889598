// name: delete_relations
// Delete relations of one type by key (rendered once per relationship type).
// params: keys
UNWIND $keys AS key
MATCH ()-[r:{rel_type} {key: key}]->()
DELETE r;
