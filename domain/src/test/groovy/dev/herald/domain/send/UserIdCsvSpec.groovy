package dev.herald.domain.send

import spock.lang.Specification

class UserIdCsvSpec extends Specification {

    def "#description"() {
        when:
        def parsed = UserIdCsv.parse(csv)

        then:
        parsed.idList() == ids
        parsed.errors()*.row() == errorRows
        parsed.dataRows() == rows

        where:
        description                                  | csv                                    || ids                | errorRows | rows
        'one id per line'                            | 'a\nb\nc'                              || ['a', 'b', 'c']    | []        | 3
        'a header row is skipped'                    | 'user_id\na\nb\n'                      || ['a', 'b']         | []        | 2
        'other columns are ignored'                  | 'externalId,name\na,Ann\nb,Bo'         || ['a', 'b']         | []        | 2
        'quoted ids are unquoted'                    | '"a,1",x\n"say ""hi"""'                || ['a,1', 'say "hi"'] | []       | 2
        'Windows line ends and a BOM'                | '\uFEFFa\r\nb\r\n'                     || ['a', 'b']         | []        | 2
        'blank lines are skipped, duplicates merged' | 'a\n\n  \na\nb'                        || ['a', 'b']         | []        | 3
        'an empty first cell is an error'            | 'a\n,b\nc'                             || ['a', 'c']         | [2]       | 3
        'an id over 256 characters is an error'      | "a\n${'x' * 257}\nc"                   || ['a', 'c']         | [2]       | 3
        'a header-like word after row 1 is an id'    | 'a\nid'                                || ['a', 'id']        | []        | 2
    }
}
