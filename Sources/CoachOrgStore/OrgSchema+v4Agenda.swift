extension OrgSchema {
    /// Version 4: agenda topics can be removed and action items edited between one-on-ones
    /// (`agenda remove`, `action edit`), with the rules the local store keeps.
    ///
    /// - An agenda topic's status may be `removed` (the local store's v9): the row stays, so what
    ///   was raised is kept, and the topic leaves the next one-on-one. Only an open topic becomes
    ///   removed. Who may change a topic is unchanged: the rep and their manager (`agenda_change`).
    /// - An action item given a new owner goes to the rep it is about or their manager, as one a
    ///   one-on-one creates; who may change an item is unchanged (`action_change`). Items whose
    ///   owner stays as it is (a former manager's) are untouched by the rule.
    static let v4Agenda = """
        ALTER TABLE coach.agenda_item DROP CONSTRAINT agenda_item_status_check;
        ALTER TABLE coach.agenda_item ADD CONSTRAINT agenda_item_status_check
          CHECK (status IN ('open', 'discussed', 'removed'));

        CREATE FUNCTION coach.agenda_removal_check() RETURNS trigger
          LANGUAGE plpgsql SET search_path = pg_catalog, coach
          AS $$
          BEGIN
            IF NEW.status = 'removed' AND OLD.status NOT IN ('open', 'removed') THEN
              RAISE EXCEPTION 'agenda topic #% was already %; only open topics can be removed', OLD.id, OLD.status
                USING ERRCODE = '42501';
            END IF;
            RETURN NEW;
          END $$;
        CREATE TRIGGER agenda_removal_check BEFORE UPDATE OF status ON coach.agenda_item
          FOR EACH ROW EXECUTE FUNCTION coach.agenda_removal_check();

        CREATE FUNCTION coach.action_owner_check() RETURNS trigger
          LANGUAGE plpgsql SET search_path = pg_catalog, coach
          AS $$
          BEGIN
            IF NEW.owner_id IS DISTINCT FROM OLD.owner_id AND NEW.owner_id <> NEW.subject_id
               AND NOT EXISTS (SELECT 1 FROM coach.person WHERE id = NEW.subject_id AND manager_id = NEW.owner_id) THEN
              RAISE EXCEPTION 'an action item is owned by the rep it is about or their manager' USING ERRCODE = '42501';
            END IF;
            RETURN NEW;
          END $$;
        CREATE TRIGGER action_owner_check BEFORE UPDATE OF owner_id ON coach.action_item
          FOR EACH ROW EXECUTE FUNCTION coach.action_owner_check();
        """
}
