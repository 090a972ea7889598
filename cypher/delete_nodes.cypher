// name: delete_nodes
// Delete nodes by id, with any relationship still attached (the store deletes
// ecomap's own relations first, as items of the change). Rendered once per node
// label: Actor, Stake, Space.
// params: ids
UNWIND $ids AS id
MATCH (n:{node_label} {id: id})
DETACH DELETE n;
