### Translation of locales/en-US/article.ftl into fr.


## Title and byline

article-title = Al-Kazimi et l’espoir irakien
article-author = Abduljalil Hage
article-editor = Adrija Saha

## Lead: the paragraphs before the first section heading

article-intro-17-years-since = Dix-sept ans se sont écoulés depuis l’invasion américaine de l’Irak, lorsque les États-Unis ont pris le contrôle du pays et renversé le régime irakien. Cette invasion reste considérée, aujourd’hui encore, comme le principal tournant de l’histoire moderne de l’Irak.
article-intro-where-country-collapsed = Le pays s’est alors effondré et, d’État relativement stable, a commencé à se muer en un territoire morcelé entre confessions, milices et groupes armés, certains terroristes, d’autres officiellement reconnus par le gouvernement irakien.
article-intro-time-until-americans = De cette époque jusqu’au départ des Américains du sol irakien en 2011, l’Irak est devenu un champ de bataille local et international, dont les acteurs changeaient au gré du Premier ministre qui conduisait la politique du pays, une politique elle-même dictée par ses orientations et par celles de son parti ou de sa confession.

## Section: Ministers After the Fall

article-ministers-after-fall-heading = Les Premiers ministres après la chute
article-ministers-after-fall-several-ministers-succeeded = Au cours de la première année de contrôle américain, plusieurs dirigeants se sont succédé sous l’égide du Conseil de gouvernement irakien, mis sur pied avec l’aide des États-Unis, puis après l’instauration de la République d’Irak.
article-ministers-after-fall-iyad-allawi-took = Iyad Allaoui a pris les rênes du pouvoir, suivi d’Ibrahim al-Jaafari ; chacun l’a exercé pendant un an, une année chaque fois marquée par le sang et les tueries.
article-ministers-after-fall-nuri-maliki-close = Nouri al-Maliki, proche de l’Iran et issu de la communauté chiite, leur a succédé. Al-Maliki est parvenu à rétablir une certaine sécurité dans le pays. Dès son arrivée au pouvoir, il a mené la guerre contre les milices et les groupes terroristes qui s’en prenaient aux civils depuis plusieurs années.
article-ministers-after-fall-because-closeness-iran = Mais la proximité d’al-Maliki avec Téhéran a permis à l’Iran de prendre le contrôle quasi total de l’État irakien sous son mandat, ce qui a conduit les Américains à suspendre leur soutien à l’Irak face aux positions du Premier ministre ; une commission parlementaire l’a d’ailleurs accusé d’être responsable de la chute de la province de Ninive aux mains de l’État islamique.
article-ministers-after-fall-haider-abadi-man = Vint ensuite Haïder al-Abadi, l’homme qui a mis fin à la présence terroriste en Irak : c’est sous son gouvernement que les combattants de l’État islamique ont été chassés du territoire irakien.
article-ministers-after-fall-abadi-able-obtain = Al-Abadi a su obtenir un relatif soutien américain et mener quelques autres réformes, mais, comme pour son prédécesseur, sa proximité avec l’Iran a compliqué sa tâche réformatrice, les milices chiites faisant obstacle aux réformes engagées par le gouvernement.
article-ministers-after-fall-during-reign-most = C’est sous son mandat que sont apparues les Forces de mobilisation populaire (Hachd al-Chaabi), aujourd’hui la milice la plus puissante d’Irak, liées à la communauté chiite et dont la légitimité a été entérinée par le Parlement irakien.
article-ministers-after-fall-adel-abdul-mahdi = Adel Abdel-Mahdi, « l’ennemi des manifestants », comme le surnomment les Irakiens, est resté deux ans en fonction. Une révolution populaire a éclaté contre lui, nourrie par le mécontentement des citoyens face à sa politique et à l’immobilisme du gouvernement irakien sous sa direction.
article-ministers-after-fall-this-prompted-citizen = Les Irakiens sont alors descendus dans la rue pour exiger sa démission. Les forces gouvernementales ont réprimé les manifestants avec une extrême violence et, après deux mois de contestation, ce Premier ministre faible a fini par démissionner.
article-ministers-after-fall-rule-witnessed-exchange = Son mandat a été marqué par des échanges de frappes entre l’Iran et les États-Unis sur le sol irakien, sans qu’Abdel-Mahdi fasse quoi que ce soit contre ces violations de la souveraineté irakienne, comme l’ont souligné des responsables irakiens.
article-ministers-after-fall-militias-able-rise = Les milices ont pu relever la tête et se renforcer sous Abdel-Mahdi, du fait de sa faiblesse personnelle et de l’absence de tout soutien à sa personne dans le pays.
article-ministers-after-fall-mustafa-kazemi-former = Moustafa al-Kazimi, ancien chef des services de renseignement, a pris ses fonctions alors que les armes circulaient massivement entre les mains des milices ; d’emblée, il s’est engagé à toutes les désarmer.
article-ministers-after-fall-kazemi-differs-predecessors = Al-Kazimi se distingue de ses prédécesseurs en ce qu’il n’a aucun ancrage religieux ou confessionnel. Il entretient en outre de bonnes relations à la fois avec les Iraniens et avec les Américains, ce que ses prédécesseurs n’avaient pas su faire, si bien que les deux camps le soutiennent dans sa difficile mission : diriger un pays en pleine déliquescence et gangrené par les milices.
article-ministers-after-fall-kazemi-obtained-additional = Al-Kazimi bénéficie également du soutien de l’Arabie saoudite, grâce aux relations personnelles qu’il entretient avec le prince héritier Mohammed ben Salmane ; il s’agit du rapprochement saoudo-irakien le plus fort depuis l’invasion américaine, qui avait gelé les relations entre les deux pays.

## Section: Iraqi Militias

article-iraqi-militias-heading = Les milices irakiennes
article-iraqi-militias-elimination-militias-iraq = L’élimination des milices en Irak est considérée comme un impératif pour imposer l’autorité de l’État sur l’ensemble du territoire et permettre au gouvernement d’élaborer et d’appliquer ses décisions, les milices ayant toujours entravé tant la prise de décision que sa mise en œuvre.
article-iraqi-militias-iraq-filled-hundreds = L’Irak compte des centaines de milices, aux chefs et aux orientations divers. Leurs idées divergent aussi : certaines agissent contre le gouvernement, d’autres soutiennent son action, mais de manière officieuse.
article-iraqi-militias-because-increase-militias = Avec la multiplication des milices, chaque parti, chaque groupe ethnique ou politique dispose de sa propre formation armée, chargée d’assurer sa protection et de mener des opérations militaires pour son compte.
article-iraqi-militias-despite-issuance-law = Bien qu’une loi préconisant la dissolution des milices ait été promulguée dès 2004, celles-ci se sont multipliées de façon spectaculaire en raison de la faiblesse de l’État irakien et de ses services de sécurité.
article-iraqi-militias-because-this-weakness = Du fait de cette faiblesse, ces milices font désormais la loi dans certaines zones où l’État irakien ne parvient pas à imposer son autorité ; elles restent toutefois tristement célèbres pour les crimes qu’elles commettent contre les habitants et pour les règles qu’elles leur imposent.

## Section: Al-Kazemi Hits the Militias

article-kazemi-hit-militia-heading = Al-Kazimi s’attaque aux milices
article-kazemi-hit-militia-militia-violence-increased = La violence des milices s’est accrue depuis la mort du général de division Qassem Soleimani, commandant de la force Al-Qods et deuxième personnage de l’État iranien, l’homme qui dirigeait les opérations extérieures de l’Iran et pilotait la milice la plus puissante d’Irak.
article-kazemi-hit-militia-alongside-soleimani-abu = Aux côtés de Soleimani se trouvait Abou Mahdi al-Mouhandis, qui dirigeait les Forces de mobilisation populaire, reconnues par le gouvernement irakien comme une composante de l’armée irakienne.
article-kazemi-hit-militia-after-killing-two = Depuis la mort de ces deux chefs, les milices ont multiplié les violences, les assassinats et les attaques contre des responsables ; les plus puissantes d’entre elles prennent leurs consignes à Téhéran et sont dirigées par des proches de Khamenei.
article-kazemi-hit-militia-kazemi-hit-all = Al-Kazimi a frappé toutes ces milices, ce qui a redoublé leur colère et les a poussées à mener des opérations de plus grande ampleur dans le pays, notamment dans les régions du Sud et surtout dans la capitale, Bagdad, qui concentre quartiers généraux des forces de sécurité, ambassades, missions diplomatiques et locaux des Nations unies, et qui est désormais exposée aux tirs de roquettes Katioucha des milices.
article-kazemi-hit-militia-kazemi-confronted-militias = Al-Kazimi a affronté ces milices en prenant le contrôle des postes-frontières qu’elles utilisent pour se financer et s’approvisionner en armes, notamment auprès de l’Iran, l’un de leurs principaux soutiens.
article-kazemi-hit-militia-kazemi-established-anti = Al-Kazimi a créé le Conseil de lutte contre la corruption, chargé de combattre la corruption et les corrompus dans le pays. Ce conseil a bel et bien procédé à l’arrestation de plusieurs hautes personnalités, protégées par des milices, qu’aucun Irakien ne s’attendait à voir arrêtées.

## Section: The Initial Vision of the Al-Kazemi Era

article-initial-vision-kazemi-heading = Les premières orientations de l’ère al-Kazimi
article-initial-vision-kazemi-kazemi-relies-gradual = M. al-Kazimi mise sur une réforme progressive pour transformer et améliorer l’Irak : il s’est attaché à nommer des personnes compétentes, restées à l’écart des conflits politiques et confessionnels du pays. Il a aussi fait appel à des figures nouvelles, en ne comptant que sur lui-même.
article-initial-vision-kazemi-although-wait-political = Il n’a pas attendu que les partis politiques désignent les hauts responsables selon leurs intérêts et leurs orientations : il les a choisis lui-même.
article-initial-vision-kazemi-kazemi-works-high = Al-Kazimi œuvre avec une grande efficacité à la réforme et au développement dans de nombreux domaines, au premier rang desquels une économie en déliquescence et la crise sanitaire qui a frappé le monde.
article-initial-vision-kazemi-light-gradual-return = Alors que la vie reprenait peu à peu son cours dans le pays après des mois de confinement, le programme de réformes d’al-Kazimi s’est heurté à une crise orchestrée par les milices, qui ont intensément bombardé la zone verte, où se trouvent les missions internationales et les ambassades.

article-initial-vision-kazemi-latest-statement-presented = Dans leur dernier communiqué, ces ambassades et missions, emmenées par l’ambassade américaine, considérée comme le principal soutien d’al-Kazimi à son poste, ont évoqué la possibilité de quitter la capitale, Bagdad, pour s’installer à Erbil, capitale de la région du Kurdistan irakien, ce qu’al-Kazimi et les dirigeants irakiens ont qualifié de catastrophe diplomatique qui s’abattrait sur le pays.
